package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What happens after a rollback: no retry loop, retry on request, recovery by a new spec. */
class RollbackLifecycleTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();
  static String good = "ghcr.io/netra/bridge:5.0.0";
  static String bad = "ghcr.io/netra/bridge:5.1.0";
  static String goodDigest;

  @BeforeAll
  static void publishImages() {
    goodDigest = harness.publish(good, ImageBehaviour.healthy());
    harness.publish(bad, ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
  }

  private String rolledBackBridge() {
    String ns = harness.newNamespace();
    harness.create(
        harness.bridge(
            ns,
            "chat",
            good,
            s -> s.rollout.progressDeadlineSeconds = OperatorHarness.SHORT_DEADLINE_SECONDS));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    harness.edit(ns, "chat", b -> b.getSpec().image = bad);
    harness.awaitRolledBack(ns, "chat");
    // Settled: the restored pods all run the pinned digest and answer their config hash.
    for (int i = 0; i < 2; i++) {
      harness.awaitStatus(
          ns,
          "chat",
          Duration.ofSeconds(10),
          s ->
              s.readyReplicas == 2
                  && s.replicas == 2
                  && s.configuredReplicas == 2
                  && harness.pods(ns).stream()
                      .allMatch(p -> p.getSpec().getContainers().get(0).getImage().contains("@")));
      harness.cluster.awaitSteps(10);
    }
    return ns;
  }

  @Test
  void aFailedRevisionIsNeverRetriedByItself() {
    String ns = rolledBackBridge();
    int created = harness.cluster.podsCreated();

    harness.noLoop.assertNoWrites(ns, "chat");

    assertThat(harness.cluster.podsCreated()).isEqualTo(created);
    assertThat(harness.get(ns, "chat").getStatus().failedRevisions).hasSize(1);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
  }

  @Test
  void theRetryAnnotationRetriesTheFailedRevisionOnce() {
    String ns = rolledBackBridge();
    askToRetry(ns, "1");

    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(20),
            s -> s.failedRevisions.size() == 2 && s.phase == Phase.RolledBack);

    assertThat(status.failedRevisions.get(1).retry).isEqualTo("1");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> harness.eventReasons(ns).stream().filter("RolledBack"::equals).count() == 2);
    harness.noLoop.assertDeploymentNotWritten(ns, "chat");
    assertThat(harness.get(ns, "chat").getStatus().failedRevisions).hasSize(2);
  }

  @Test
  void removingTheRetryAnnotationAfterARetrySettlesWithoutRewritingTheDeployment() {
    String ns = rolledBackBridge();
    askToRetry(ns, "1");
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(20),
        s -> s.failedRevisions.size() == 2 && s.phase == Phase.RolledBack);

    harness.edit(ns, "chat", b -> b.getMetadata().getAnnotations().remove("bridge.netra.io/retry"));
    harness.cluster.awaitSteps(30);

    harness.noLoop.assertDeploymentNotWritten(ns, "chat");
    assertThat(harness.get(ns, "chat").getStatus().failedRevisions).hasSize(2);
    assertThat(harness.get(ns, "chat").getStatus().phase).isEqualTo(Phase.RolledBack);
  }

  @Test
  void aSpecChangeAfterARollbackRollsOutAndClearsRolledBack() {
    String ns = rolledBackBridge();
    String fixed = "ghcr.io/netra/bridge:5.1.1";
    String fixedDigest = harness.publish(fixed, ImageBehaviour.healthy());

    harness.edit(ns, "chat", b -> b.getSpec().image = fixed);
    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(20),
            s -> s.phase == Phase.Ready && s.stableRevision.digest.equals(fixedDigest));

    assertThat(harness.conditionStatuses(status))
        .containsEntry("Ready", "True")
        .containsEntry("RolledBack", "False")
        .containsEntry("Stalled", "False");
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(fixed);
  }

  @Test
  void revertingTheSpecToTheStableRevisionServesItWithoutARollout() {
    String ns = rolledBackBridge();
    int deploymentWrites = deploymentWrites(ns);

    harness.edit(ns, "chat", b -> b.getSpec().image = good);
    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Ready);

    assertThat(harness.conditionStatuses(status))
        .containsEntry("Ready", "True")
        .containsEntry("Stalled", "False");
    assertThat(deploymentWrites(ns)).isEqualTo(deploymentWrites);
    harness.noLoop.assertDeploymentNotWritten(ns, "chat");
  }

  private static int deploymentWrites(String ns) {
    return (int)
        harness.operatorWrites.writesIn(ns).stream()
            .filter(w -> w.contains("/deployments/"))
            .count();
  }

  private static void askToRetry(String ns, String value) {
    harness.edit(
        ns,
        "chat",
        b -> {
          if (b.getMetadata().getAnnotations() == null) {
            b.getMetadata().setAnnotations(new HashMap<>());
          }
          b.getMetadata().getAnnotations().put("bridge.netra.io/retry", value);
        });
  }
}
