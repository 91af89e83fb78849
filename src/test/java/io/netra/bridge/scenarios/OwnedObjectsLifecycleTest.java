package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The owned objects over a bridge's life: history pruning, PDB, whole-template rollback. */
class OwnedObjectsLifecycleTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void revisionsBeyondTheHistoryLimitArePrunedButNeverTheStableOrCurrentOne() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:20.0.0", ImageBehaviour.healthy());
    harness.create(
        harness.bridge(
            ns, "chat", "ghcr.io/netra/bridge:20.0.0", s -> s.rollout.revisionHistoryLimit = 2));
    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Ready);

    for (String level : List.of("DEBUG", "WARN", "ERROR", "TRACE")) {
      String previousHash = status.stableRevision.configHash;
      harness.edit(ns, "chat", b -> b.getSpec().bridge.logging.level = level);
      status =
          harness.awaitStatus(
              ns,
              "chat",
              Duration.ofSeconds(20),
              s -> s.phase == Phase.Ready && !s.stableRevision.configHash.equals(previousHash));
    }
    String current = status.stableRevision.configHash.substring(0, 10);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.client.apps().controllerRevisions().inNamespace(ns).list().getItems().size()
                    == 2);
    assertThat(harness.client.configMaps().inNamespace(ns).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .hasSize(2)
        .contains("chat-config-" + current);
  }

  @Test
  void aPodDisruptionBudgetExistsOnlyWithMoreThanOneReplica() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:21.0.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:21.0.0", s -> s.replicas = 3));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    PodDisruptionBudget pdb = harness.podDisruptionBudget(ns, "chat");
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", "chat");

    harness.edit(ns, "chat", b -> b.getSpec().replicas = 1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.podDisruptionBudget(ns, "chat") == null);
  }

  @Test
  void aRollbackRestoresTheWholeStablePodTemplateAndConfigAndLeavesTheSpecAlone() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:22.0.0", ImageBehaviour.healthy());
    harness.publish(
        "ghcr.io/netra/bridge:22.1.0",
        ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:22.0.0", s -> {}));
    WebSocketBridgeStatus good = harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(
        ns,
        "chat",
        b -> {
          b.getSpec().image = "ghcr.io/netra/bridge:22.1.0";
          b.getSpec().bridge.logging.level = "DEBUG";
          b.getSpec().env.add(new io.fabric8.kubernetes.api.model.EnvVar("FEATURE_X", "on", null));
        });
    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");

    var template = harness.deployment(ns, "chat").getSpec().getTemplate();
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("bridge.netra.io/config-hash", good.stableRevision.configHash);
    assertThat(template.getSpec().getVolumes().get(0).getConfigMap().getName())
        .isEqualTo("chat-config-" + good.stableRevision.configHash.substring(0, 10));
    assertThat(template.getSpec().getContainers().get(0).getEnv())
        .extracting(e -> e.getName())
        .doesNotContain("FEATURE_X");
    assertThat(status.desiredRevision.configHash).isNotEqualTo(good.stableRevision.configHash);
    var spec = harness.get(ns, "chat").getSpec();
    assertThat(spec.image).isEqualTo("ghcr.io/netra/bridge:22.1.0");
    assertThat(spec.bridge.logging.level).isEqualTo("DEBUG");
    assertThat(status.conditions)
        .filteredOn(c -> c.getType().equals("Stalled"))
        .singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("RolledBack"));
  }
}
