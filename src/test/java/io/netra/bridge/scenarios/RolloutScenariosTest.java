package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Healthy rollouts: image change, config change, scaling, pause. */
class RolloutScenariosTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void anImageChangeRollsOutANewStableRevision() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:6.0.0", ImageBehaviour.healthy());
    String next = harness.publish("ghcr.io/netra/bridge:6.1.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:6.0.0", s -> {}));
    WebSocketBridgeStatus first = harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(ns, "chat", b -> b.getSpec().image = "ghcr.io/netra/bridge:6.1.0");
    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(20),
            s -> s.phase == Phase.Ready && next.equals(s.stableRevision.digest));

    assertThat(status.stableRevision.name).isNotEqualTo(first.stableRevision.name);
    assertThat(status.currentRevision.image).isEqualTo("ghcr.io/netra/bridge:6.1.0");
    // The old pods leave once their kubelet has stopped them (preStop, grace period).
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.pods(ns))
                    .allSatisfy(
                        p ->
                            assertThat(p.getSpec().getContainers().get(0).getImage())
                                .isEqualTo("ghcr.io/netra/bridge:6.1.0")));
  }

  @Test
  void aConfigChangeRollsNewPodsWithANewConfigMapAndKeepsTheOldOne() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:7.0.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:7.0.0", s -> {}));
    WebSocketBridgeStatus first = harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(ns, "chat", b -> b.getSpec().bridge.logging.level = "DEBUG");
    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(20),
            // An old pod still being replaced counts as configured (for its own revision) until
            // it is gone; the rollout settles at the two new pods.
            s ->
                s.phase == Phase.Ready
                    && !s.stableRevision.configHash.equals(first.stableRevision.configHash)
                    && Integer.valueOf(2).equals(s.replicas));

    var configMaps = harness.client.configMaps().inNamespace(ns).list().getItems();
    assertThat(configMaps)
        .extracting(c -> c.getMetadata().getName())
        .contains("chat-config-" + first.stableRevision.configHash.substring(0, 10))
        .contains("chat-config-" + status.stableRevision.configHash.substring(0, 10));
    ConfigMap current =
        configMaps.stream()
            .filter(
                c ->
                    c.getMetadata()
                        .getName()
                        .endsWith(status.stableRevision.configHash.substring(0, 10)))
            .findFirst()
            .orElseThrow();
    assertThat(current.getImmutable()).isTrue();
    assertThat(current.getData().get("bridge.yaml")).contains("level: DEBUG");
    assertThat(status.configuredReplicas).isEqualTo(2);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.pods(ns))
                    .allSatisfy(
                        p ->
                            assertThat(p.getMetadata().getAnnotations())
                                .containsEntry(
                                    "bridge.netra.io/config-hash",
                                    status.stableRevision.configHash)));
  }

  @Test
  void aReplicasChangeAloneScalesWithoutANewRevision() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:8.0.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:8.0.0", s -> {}));
    WebSocketBridgeStatus first = harness.awaitPhase(ns, "chat", Phase.Ready);
    int created = harness.cluster.podsCreated();

    harness.edit(ns, "chat", b -> b.getSpec().replicas = 3);
    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(20),
            s -> s.phase == Phase.Ready && s.readyReplicas == 3);

    assertThat(status.stableRevision.name).isEqualTo(first.stableRevision.name);
    assertThat(harness.cluster.podsCreated()).isEqualTo(created + 1);
    assertThat(harness.deployment(ns, "chat").getSpec().getReplicas()).isEqualTo(3);
    assertThat(harness.eventReasons(ns)).doesNotContain("ManualChangeReverted");
  }

  @Test
  void aPausedBridgeChangesNothingAndSaysSo() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:9.0.0", ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:9.1.0", ImageBehaviour.healthy());
    harness.create(
        harness.bridge(
            ns,
            "chat",
            "ghcr.io/netra/bridge:9.0.0",
            s -> s.rollout.progressDeadlineSeconds = OperatorHarness.SHORT_DEADLINE_SECONDS));
    harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(
        ns,
        "chat",
        b -> {
          b.getSpec().paused = true;
          b.getSpec().image = "ghcr.io/netra/bridge:9.1.0";
        });
    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Paused);
    harness.noLoop.assertNoWrites(ns, "chat");

    assertThat(harness.conditionStatuses(status))
        .containsEntry("Ready", "False")
        .containsEntry("Reconciling", "False");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge:9.0.0");

    harness.edit(ns, "chat", b -> b.getSpec().paused = false);
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(20),
        s -> s.phase == Phase.Ready && s.stableRevision.image.contains("@"));
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge:9.1.0");
  }

  @Test
  void nothingIsWrittenWhileNothingChanges() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:10.0.0", ImageBehaviour.healthy());
    harness.create(
        harness.bridge(
            ns,
            "chat",
            "ghcr.io/netra/bridge:10.0.0",
            s -> s.rollout.progressDeadlineSeconds = OperatorHarness.SHORT_DEADLINE_SECONDS));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    harness.cluster.awaitSteps(10);

    harness.noLoop.assertNoWrites(ns, "chat");
  }
}
