package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.BridgeTestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollout settings on the simulated cluster: autoRollback, maxStartupRestarts and paused. */
class RolloutSettingsScenariosTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private static final String GOOD = "ghcr.io/netra/bridge:8.0.0";
  private static final String CRASHING = "ghcr.io/netra/bridge:8.0.1";

  static {
    harness.publish(GOOD, ImageBehaviour.healthy());
    harness.publish(CRASHING, ImageBehaviour.crashesAtStartup(3, "boom at startup"));
  }

  private String readyBridge(
      java.util.function.Consumer<io.netra.bridge.model.WebSocketBridgeSpec> tweak) {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", GOOD, tweak));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    return ns;
  }

  @Test
  void withAutoRollbackOffAFailedRevisionStaysDeployedAndTheBridgeIsFailed() {
    String ns = readyBridge(s -> s.rollout.autoRollback = false);
    String stable = harness.get(ns, "chat").getStatus().stableRevision.image;

    harness.edit(ns, "chat", b -> b.getSpec().image = CRASHING);
    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Failed);

    assertThat(status.failedRevisions).hasSize(1);
    assertThat(status.failedRevisions.get(0).reason).isEqualTo("CrashLoopBackOff");
    assertThat(harness.conditionStatuses(status)).containsEntry("Ready", "False");
    assertThat(BridgeTestClient.condition(status, "Ready").orElseThrow().getMessage())
        .contains("rollout.autoRollback is false");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(CRASHING);
    assertThat(status.stableRevision.image).isEqualTo(stable);
    assertThat(harness.eventReasons(ns)).doesNotContain("RolledBack");
  }

  @Test
  void maxStartupRestartsAllowsThatManyRestartsBeforeTheRevisionFails() {
    String ns = readyBridge(s -> s.rollout.maxStartupRestarts = 3);

    harness.edit(ns, "chat", b -> b.getSpec().image = CRASHING);
    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");

    assertThat(status.failedRevisions.get(0).reason).isEqualTo("CrashLoopBackOff");
    assertThat(status.failedRevisions.get(0).message)
        .contains("crashed at startup 4 times", "exit code 3");
  }

  @Test
  void pausingEmitsOnePausedEventAndChangesNothing() {
    String ns = readyBridge(s -> {});
    String deployed = harness.deploymentAsWritten(ns, "chat");

    harness.edit(ns, "chat", b -> b.getSpec().paused = true);
    harness.awaitPhase(ns, "chat", Phase.Paused);
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.eventCount(ns, "Paused") == 1);
    harness.edit(ns, "chat", b -> b.getSpec().image = CRASHING);
    harness.edit(ns, "chat", b -> b.getSpec().replicas = 4);
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(10),
        s ->
            s.observedGeneration != null
                && s.observedGeneration >= harness.get(ns, "chat").getMetadata().getGeneration());

    assertThat(harness.deploymentAsWritten(ns, "chat")).isEqualTo(deployed);
    assertThat(harness.get(ns, "chat").getStatus().phase).isEqualTo(Phase.Paused);
    assertThat(harness.eventCount(ns, "Paused")).isEqualTo(1);
  }
}
