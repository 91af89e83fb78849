package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a bridge. The operator has no finalizer and deletes nothing itself: every object it
 * creates carries an ownerReference to the bridge, and the garbage collector of a real cluster
 * removes them ({@code GarbageCollectionE2E} proves that on a real control plane). The embedded API
 * server has no garbage collector, so this test checks the operator's half: the owner references
 * are there, and once the bridge is gone the operator does not recreate what the collector deletes.
 */
class BridgeDeletionTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private static final String IMAGE = "ghcr.io/netra/bridge:9.0.0";

  static {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void ownedObjectsPointAtTheBridgeAndAreNotRecreatedOnceItIsDeleted() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", IMAGE, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    WebSocketBridge bridge = harness.get(ns, "chat");
    List<HasMetadata> owned = owned(ns);
    assertThat(owned)
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "Service", "ConfigMap");
    assertThat(owned)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getOwnerReferences())
                    .extracting(OwnerReference::getUid, OwnerReference::getController)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(bridge.getMetadata().getUid(), true)));
    assertThat(bridge.getMetadata().getFinalizers()).isNullOrEmpty();

    harness.client.resource(bridge).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.get(ns, "chat") == null);
    // What the garbage collector does on a real cluster.
    owned.forEach(o -> harness.client.resource(o).delete());

    // Long enough for several reconciles and a full rollout step of the simulated cluster.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> owned(ns).isEmpty());
    assertThat(harness.deployment(ns, "chat")).isNull();
  }

  private static List<HasMetadata> owned(String ns) {
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(harness.client.apps().deployments().inNamespace(ns).list().getItems());
    owned.addAll(harness.client.services().inNamespace(ns).list().getItems());
    owned.addAll(harness.client.configMaps().inNamespace(ns).list().getItems());
    owned.addAll(harness.client.apps().controllerRevisions().inNamespace(ns).list().getItems());
    owned.addAll(
        harness.client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
    owned.removeIf(
        o ->
            o.getMetadata().getOwnerReferences() == null
                || o.getMetadata().getOwnerReferences().stream()
                    .noneMatch(r -> "WebSocketBridge".equals(r.getKind())));
    return owned;
  }
}
