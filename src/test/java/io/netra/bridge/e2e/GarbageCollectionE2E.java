package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deleting a bridge removes everything it owns, through the real garbage collector. */
class GarbageCollectionE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String IMAGE = "ghcr.io/netra/netra-backend:4.0.0";

  @BeforeAll
  static void publish() {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void deletingABridgeRemovesEveryOwnedObject() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", IMAGE, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    assertThat(owned(ns)).isGreaterThanOrEqualTo(4);

    harness.client.resources(WebSocketBridge.class).inNamespace(ns).withName("chat").delete();

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              assertThat(harness.client.apps().deployments().inNamespace(ns).list().getItems())
                  .isEmpty();
              assertThat(harness.client.apps().replicaSets().inNamespace(ns).list().getItems())
                  .isEmpty();
              assertThat(harness.pods(ns)).isEmpty();
              assertThat(owned(ns)).isZero();
            });
  }

  /** Objects carrying the operator's managed-by label, of every kind it creates. */
  private static int owned(String ns) {
    var c = harness.client;
    String selector = BridgeNames.LABEL_MANAGED_BY;
    String manager = BridgeNames.MANAGER;
    return c.apps()
            .deployments()
            .inNamespace(ns)
            .withLabel(selector, manager)
            .list()
            .getItems()
            .size()
        + c.services().inNamespace(ns).withLabel(selector, manager).list().getItems().size()
        + c.configMaps().inNamespace(ns).withLabel(selector, manager).list().getItems().size()
        + c.apps()
            .controllerRevisions()
            .inNamespace(ns)
            .withLabel(selector, manager)
            .list()
            .getItems()
            .size()
        + c.policy()
            .v1()
            .podDisruptionBudget()
            .inNamespace(ns)
            .withLabel(selector, manager)
            .list()
            .getItems()
            .size();
  }
}
