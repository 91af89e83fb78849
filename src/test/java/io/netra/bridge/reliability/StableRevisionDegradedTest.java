package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 6: the stable revision itself stops being healthy (a dependency is down: its pods
 * lose readiness). Pass: no endless rollback loop (no new failed revision, no Deployment write, no
 * second RolledBack event), and phase and conditions say what is wrong.
 */
class StableRevisionDegradedTest {
  static ReliabilityHarness harness;
  static final String GOOD = "ghcr.io/netra/bridge:60.0.0";
  static final String BAD = "ghcr.io/netra/bridge:60.1.0";

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(GOOD, ImageBehaviour.healthy());
    harness.publish(BAD, ImageBehaviour.crashesAtStartup(1, ReliabilityHarness.INCIDENT_MESSAGE));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /**
   * The readiness probe of every running bridge pod starts failing: the kubelet reports them not
   * Ready (a status written on the pod itself would be ignored, as by a real API server).
   */
  private static void dependencyGoesDown(String ns) {
    for (Pod pod : harness.client.pods().inNamespace(ns).list().getItems()) {
      harness.cluster.failReadiness(ns, pod.getMetadata().getName());
    }
  }

  private static long deploymentWrites(String ns) {
    return harness.faults().writes().stream()
        .filter(c -> ns.equals(c.namespace()) && c.resource().equals("deployments"))
        .count();
  }

  @Test
  void aStableRevisionThatLosesReadinessAfterARollbackIsReportedWithoutALoop() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", GOOD, s -> s.rollout.progressDeadlineSeconds = 3));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    harness.edit(ns, "chat", b -> b.getSpec().image = BAD);
    harness.awaitRolledBack(ns, "chat");
    harness.awaitStatus(
        ns, "chat", Duration.ofSeconds(20), s -> s.readyReplicas == 2 && s.replicas == 2);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.client.pods().inNamespace(ns).list().getItems().size() == 2);

    dependencyGoesDown(ns);
    long writes = deploymentWrites(ns);

    WebSocketBridgeStatus status =
        harness.awaitStatus(ns, "chat", Duration.ofSeconds(20), s -> s.phase == Phase.Degraded);
    harness.cluster.awaitSteps(150);
    status = harness.get(ns, "chat").getStatus();

    assertThat(status.phase).isEqualTo(Phase.Degraded);
    Condition ready = ReliabilityHarness.condition(status, "Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("StableRevisionDegraded");
    assertThat(ready.getMessage()).contains("stable revision is not healthy").contains("Ready");
    assertThat(status.readyReplicas).isZero();
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(deploymentWrites(ns)).isEqualTo(writes);
    assertThat(harness.eventCount(ns, "RolledBack")).isEqualTo(1);
    assertThat(harness.eventCount(ns, "RolloutFailed")).isEqualTo(1);
  }

  @Test
  void aServingRevisionThatLosesReadinessOutsideARolloutIsDegradedNotRolledBack() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", GOOD, s -> s.rollout.progressDeadlineSeconds = 3));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    long writes = deploymentWrites(ns);

    dependencyGoesDown(ns);

    WebSocketBridgeStatus status =
        harness.awaitStatus(ns, "chat", Duration.ofSeconds(20), s -> s.phase == Phase.Degraded);
    harness.cluster.awaitSteps(150);
    status = harness.get(ns, "chat").getStatus();
    assertThat(status.phase).isEqualTo(Phase.Degraded);
    assertThat(ReliabilityHarness.condition(status, "Ready").orElseThrow().getMessage())
        .contains("lost readiness");
    assertThat(status.failedRevisions).isEmpty();
    assertThat(deploymentWrites(ns)).isEqualTo(writes);
    assertThat(harness.eventCount(ns, "RolledBack")).isZero();
  }
}
