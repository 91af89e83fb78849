package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything the operator needs lives in status and owned objects: a restart loses nothing. */
class OperatorRestartTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void anOperatorRestartedMidRolloutFinishesTheRollback() {
    String ns = harness.newNamespace();
    String good = "ghcr.io/netra/bridge:11.0.0";
    String goodDigest = harness.publish(good, ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:11.1.0", ImageBehaviour.neverReady());
    harness.create(harness.bridge(ns, "chat", good, s -> s.rollout.progressDeadlineSeconds = 3));
    harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(ns, "chat", b -> b.getSpec().image = "ghcr.io/netra/bridge:11.1.0");
    harness.awaitPhase(ns, "chat", Phase.Progressing);
    harness.stopOperator();
    harness.cluster.awaitSteps(10);
    harness.startOperator();

    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(status.failedRevisions.get(0).reason).isEqualTo("ProgressDeadlineExceeded");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
  }

  @Test
  void anOperatorRestartedAfterARollbackKeepsServingTheStableRevision() {
    String ns = harness.newNamespace();
    String good = "ghcr.io/netra/bridge:12.0.0";
    String goodDigest = harness.publish(good, ImageBehaviour.healthy());
    harness.publish(
        "ghcr.io/netra/bridge:12.1.0",
        ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
    harness.create(
        harness.bridge(
            ns,
            "chat",
            good,
            s -> s.rollout.progressDeadlineSeconds = OperatorHarness.SHORT_DEADLINE_SECONDS));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    harness.edit(ns, "chat", b -> b.getSpec().image = "ghcr.io/netra/bridge:12.1.0");
    harness.awaitRolledBack(ns, "chat");
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(10),
        s -> s.readyReplicas == 2 && s.replicas == 2 && s.configuredReplicas == 2);
    // Settled means the failed revision's pods have finished terminating too: their going is a
    // change the status rightly reports.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.pods(ns).size() == 2
                    && harness.pods(ns).stream()
                        .allMatch(p -> p.getMetadata().getDeletionTimestamp() == null));

    harness.restartOperator();

    harness.noLoop.assertNoWrites(ns, "chat");

    WebSocketBridgeStatus status = harness.get(ns, "chat").getStatus();
    assertThat(status.phase).isEqualTo(Phase.RolledBack);
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
    assertThat(harness.eventReasons(ns).stream().filter("RolledBack"::equals).count()).isEqualTo(1);
  }
}
