package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.reliability.FaultInjector.Call;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 1: API errors (500, 503, 429 with Retry-After) and slow answers on the operator's
 * reads, writes and status writes during a healthy rollout. Pass: the rollout converges once the
 * API recovers, retries are bounded and backed off, and no API error is ever taken for a failure of
 * the workload (no failed revision, no rollback).
 */
class ApiFaultsTest {
  static ReliabilityHarness harness;
  static final String V1 = "ghcr.io/netra/bridge:20.0.0";
  static final String V2 = "ghcr.io/netra/bridge:20.1.0";

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(V1, ImageBehaviour.healthy());
    harness.publish(V2, ImageBehaviour.healthy());
  }

  /**
   * A cut connection leaves the informers in reconnect back-off: each test gets a fresh operator.
   */
  @AfterEach
  void freshOperator() {
    harness.proxy.heal();
    harness.stopOperator();
    harness.startOperator();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  static Predicate<Call> in(String ns, String method, String resource) {
    return c -> ns.equals(c.namespace()) && c.is(method, resource);
  }

  static Predicate<Call> statusWrite(String ns) {
    return c ->
        ns.equals(c.namespace())
            && c.resource().equals("websocketbridges/status")
            && (c.method().equals("PUT") || c.method().equals("PATCH"));
  }

  /**
   * Runs a healthy rollout V1 -> V2 with {@code faults} installed just before the spec change, and
   * checks that it ends Ready on V2 with nothing counted as failed.
   */
  private String healthyRolloutUnder(BiConsumer<String, FaultInjector> faults) {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", V1, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);

    faults.accept(ns, harness.faults());
    harness.edit(ns, "chat", b -> b.getSpec().image = V2);

    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(45),
            s ->
                s.phase == Phase.Ready
                    && s.stableRevision != null
                    && s.stableRevision.image.startsWith("ghcr.io/netra/bridge@")
                    && V2.equals(harness.deployedImage(ns, "chat"))
                    && s.currentRevision != null
                    && V2.equals(s.currentRevision.image));
    assertThat(status.failedRevisions).isEmpty();
    assertThat(harness.eventCount(ns, "RolloutFailed")).isZero();
    assertThat(harness.eventCount(ns, "RolledBack")).isZero();
    assertThat(ReliabilityHarness.condition(status, "Ready").orElseThrow().getStatus())
        .isEqualTo("True");
    harness.faults().clearRules();
    return ns;
  }

  private static List<Call> matching(Predicate<Call> match) {
    return harness.faults().calls().stream().filter(match).toList();
  }

  @Test
  void serverErrorsOnTheDeploymentUpdateAreRetriedWithBackOff() {
    int before = harness.faults().injected();
    String ns =
        healthyRolloutUnder(
            (n, f) -> {
              f.failing(in(n, "PUT", "deployments"), 6, 500);
              f.failing(in(n, "PUT", "deployments"), 6, 503);
            });

    assertThat(harness.faults().injected() - before).isEqualTo(12);
    List<Call> attempts = matching(in(ns, "PUT", "deployments"));
    // Bounded: the 12 faults and a handful of successful writes, not a hot loop.
    assertThat(attempts).hasSizeBetween(13, 20);
    // Backed off: twelve failures spread over more than a second (no tight loop).
    Duration spread = Duration.ofNanos(attempts.get(11).atNanos() - attempts.get(0).atNanos());
    assertThat(spread).isGreaterThan(Duration.ofMillis(1000));
  }

  @Test
  void serverErrorsOnStatusWritesNeverBecomeARollback() {
    int before = harness.faults().injected();
    healthyRolloutUnder((n, f) -> f.failing(statusWrite(n), 15, 500));

    assertThat(harness.faults().injected() - before).isEqualTo(15);
  }

  @Test
  void throttlingWithRetryAfterConverges() {
    int before = harness.faults().injected();
    String ns =
        healthyRolloutUnder(
            (n, f) -> {
              f.throttling(in(n, "POST", "controllerrevisions"), 2, 1);
              f.throttling(statusWrite(n), 2, 1);
            });

    assertThat(harness.faults().injected() - before).isEqualTo(4);
    // V1's revision, then V2's: throttled twice, then accepted.
    List<Call> attempts = matching(in(ns, "POST", "controllerrevisions"));
    assertThat(attempts).hasSize(4);
  }

  @Test
  void slowAnswersOnWritesAndStatusDoNotFailTheRollout() {
    long started = System.nanoTime();
    healthyRolloutUnder(
        (n, f) -> {
          f.delaying(in(n, "PUT", "deployments"), 1, 3000);
          f.delaying(in(n, "POST", "controllerrevisions"), 1, 3000);
          f.delaying(statusWrite(n), 2, 3000);
        });

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(6));
  }

  /**
   * The mock server ignores resourceVersion on watches, so a resumed watch would silently miss the
   * events of the gap, which no real API server does: it replays them, or answers 410 Gone when the
   * gap is older than its watch cache. The tests answer the first watch of every kind after a cut
   * with a 410 Gone ERROR event, so the operator's informers take the list-again path a real
   * cluster would.
   */
  static void goneOnNextWatchOfEveryKind(FaultInjector faults) {
    for (String kind : WATCHED) {
      faults.expiring(c -> c.isWatch() && c.resource().equals(kind), 1);
    }
  }

  static final List<String> WATCHED =
      List.of(
          "websocketbridges",
          "deployments",
          "configmaps",
          "services",
          "poddisruptionbudgets",
          "controllerrevisions",
          "pods");

  @Test
  void podListAndWatchErrorsWhileTheWatchReconnectsNeverBecomeARollback() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", V1, s -> s.rollout.progressDeadlineSeconds = 30));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    FaultInjector faults = harness.faults();
    int before = faults.injected();
    Predicate<Call> podReads = c -> c.method().equals("GET") && c.resource().equals("pods");

    harness.proxy.partition();
    goneOnNextWatchOfEveryKind(faults);
    faults.failing(podReads, 6, 500);
    faults.failing(podReads, 6, 503);
    harness.proxy.heal();
    harness.edit(ns, "chat", b -> b.getSpec().image = V2);

    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(45),
            s -> s.phase == Phase.Ready && V2.equals(harness.deployedImage(ns, "chat")));
    // The pod watch was answered 410 Gone and at least one pod list failed.
    assertThat(faults.injected() - before).isGreaterThanOrEqualTo(2);
    assertThat(status.failedRevisions).isEmpty();
    assertThat(harness.eventCount(ns, "RolledBack")).isZero();
    faults.clearRules();
  }

  @Test
  void aWatchOutageLongerThanTheProgressDeadlineNeverBecomesARollback() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", V1, s -> s.rollout.progressDeadlineSeconds = 3));
    harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(ns, "chat", b -> b.getSpec().image = V2);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> V2.equals(harness.deployedImage(ns, "chat")));
    // The operator loses the API right after it wrote the new revision, for longer than the
    // progress deadline; meanwhile the new pods become Ready.
    harness.proxy.partition();
    goneOnNextWatchOfEveryKind(harness.faults());
    harness.cluster.awaitSteps(300);
    harness.proxy.heal();

    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(45),
            s -> s.phase == Phase.Ready || !s.failedRevisions.isEmpty());
    assertThat(status.failedRevisions).isEmpty();
    assertThat(status.phase).isEqualTo(Phase.Ready);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(V2);
    harness.faults().clearRules();
  }
}
