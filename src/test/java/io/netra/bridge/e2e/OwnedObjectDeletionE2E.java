package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.netra.bridge.model.Phase;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone deletes the bridge's Deployment with foreground propagation ({@code kubectl delete
 * --cascade=foreground}): the API server keeps it, with a deletion timestamp and the {@code
 * foregroundDeletion} finalizer, until the garbage collector has removed its ReplicaSets and pods.
 * The operator must not write to an object on its way out, and must recreate it once it is gone.
 */
class OwnedObjectDeletionE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String IMAGE = "ghcr.io/netra/netra-backend:8.0.0";

  @BeforeAll
  static void publish() {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void aDeploymentDeletedInTheForegroundIsLeftToGoAndThenRecreated() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", IMAGE, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    String firstUid = harness.deployment(ns, "chat").getMetadata().getUid();
    harness.operator().requests.clear();

    harness
        .client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("chat")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var deployment = harness.deployment(ns, "chat");
              return deployment != null && !deployment.getMetadata().getUid().equals(firstUid);
            });
    harness.awaitPhase(ns, "chat", Phase.Ready);
    List<ApiRequestLog.Request> updates =
        harness.operator().requests.writes().stream()
            .filter(r -> r.method().equals("PUT"))
            .filter(r -> r.path().endsWith("/namespaces/" + ns + "/deployments/chat"))
            .toList();
    assertThat(updates).as("updates of the Deployment on its way out").isEmpty();
  }
}
