package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a namespace with bridges in it: the namespace controller deletes the bridge, its owned
 * objects and pods in no particular order, and the operator must not fight it: the bridge can
 * outlive its Deployment, and the first create the API server refuses ({@code
 * NamespaceTerminating}) is the last write the operator makes there.
 */
class NamespaceDeletionE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String IMAGE = "ghcr.io/netra/netra-backend:7.0.0";

  @BeforeAll
  static void publish() {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void aDeletedNamespaceGoesAwayWithoutTheOperatorWritingIntoIt() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", IMAGE, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    harness.operator().requests.clear();

    harness.client.namespaces().withName(ns).delete();

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> harness.client.namespaces().withName(ns).get() == null);
    List<ApiRequestLog.Request> writes =
        harness.operator().requests.writes().stream()
            .filter(r -> r.path().contains("/namespaces/" + ns + "/"))
            .filter(r -> !r.path().contains("/events"))
            .toList();
    List<ApiRequestLog.Request> creates =
        writes.stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(creates)
        .as("creates into the namespace being deleted: one refused, then the bridge is left alone")
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(r -> assertThat(r.code()).isEqualTo(403));
    // Status writes that report the pods going away are fine; after a refused create, nothing.
    if (!creates.isEmpty()) {
      assertThat(writes.subList(writes.indexOf(creates.get(0)) + 1, writes.size()))
          .as("writes after the refused create")
          .isEmpty();
    }
  }
}
