package io.netra.bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.simulation.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * "Nothing happens any more": counts the operator's writes over a window that runs at least a few
 * simulation steps and past the moment a deadline-driven decision would fire (the Deployment's
 * {@code applied-at} plus the bridge's progress deadline), so a loop that only starts at the
 * deadline is seen too.
 */
public final class NoLoopCheck {
  /** The operator looks again at the deadline; this covers its reconcile and the writes after. */
  private static final Duration AFTER_DEADLINE = Duration.ofMillis(750);

  private static final int MIN_STEPS = 25;
  private static final Duration LONGEST_WINDOW = Duration.ofSeconds(20);

  private final BridgeTestClient bridges;
  private final SimulatedCluster cluster;
  private final OperatorWriteLog writes;

  public NoLoopCheck(BridgeTestClient bridges, SimulatedCluster cluster, OperatorWriteLog writes) {
    this.bridges = bridges;
    this.cluster = cluster;
    this.writes = writes;
  }

  /** No write at all into the namespace through the window. */
  public void assertNoWrites(String namespace, String name) {
    assertNoWrites(namespace, name, write -> true, "writes");
  }

  /** No write to the Deployment through the window (status writes may happen). */
  public void assertDeploymentNotWritten(String namespace, String name) {
    assertNoWrites(
        namespace, name, write -> write.contains("/deployments/"), "writes to the Deployment");
  }

  private void assertNoWrites(
      String namespace, String name, Predicate<String> counted, String what) {
    Instant end = windowEnd(namespace, name);
    List<String> before = writes.writesIn(namespace);
    cluster.awaitSteps(MIN_STEPS);
    while (Instant.now().isBefore(end)) {
      cluster.awaitSteps(5);
    }
    List<String> after = writes.writesIn(namespace);
    assertThat(after.subList(before.size(), after.size()).stream().filter(counted).toList())
        .as("operator %s in %s after it settled, through its progress deadline", what, namespace)
        .isEmpty();
  }

  private Instant windowEnd(String namespace, String name) {
    Instant now = Instant.now();
    Deployment deployment = bridges.deployment(namespace, name);
    WebSocketBridge bridge = bridges.get(namespace, name);
    if (deployment == null || bridge == null) {
      return now;
    }
    String appliedAt =
        deployment.getMetadata().getAnnotations().get(BridgeNames.ANNOTATION_APPLIED_AT);
    Integer deadline = bridge.getSpec().rollout.progressDeadlineSeconds;
    if (appliedAt == null || deadline == null) {
      return now;
    }
    Instant end = Instant.parse(appliedAt).plusSeconds(deadline).plus(AFTER_DEADLINE);
    assertThat(Duration.between(now, end))
        .as("window too long for the suite: lower progressDeadlineSeconds in this test")
        .isLessThan(LONGEST_WINDOW);
    return end;
  }
}
