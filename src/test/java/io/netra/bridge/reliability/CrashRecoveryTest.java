package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.reliability.FaultInjector.Call;
import io.netra.bridge.reliability.ReliabilityHarness.ImageHistory;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5, item 4: the operator is killed (not stopped) at each step of a rollout and of a
 * rollback, then a fresh one starts. A kill is simulated at the wire: from the chosen request on,
 * nothing the operator sends reaches the API server, as if its process had died just before it;
 * then the dead operator is discarded and a new one (new client, empty caches) starts. Pass: the
 * same end state as without the crash, exactly one rollback (one failed entry, at most one
 * RolledBack event), no flip-flop between images, status history intact.
 */
class CrashRecoveryTest {
  static ReliabilityHarness harness;
  static final String V1 = "ghcr.io/netra/bridge:30.0.0";
  static final String V2 = "ghcr.io/netra/bridge:30.1.0";
  static final String BAD = "ghcr.io/netra/bridge:30.2.0";
  static String v1Digest;

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    v1Digest = harness.publish(V1, ImageBehaviour.healthy());
    harness.publish(V2, ImageBehaviour.healthy());
    harness.publish(BAD, ImageBehaviour.crashesAtStartup(1, ReliabilityHarness.INCIDENT_MESSAGE));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  static boolean statusWrite(Call c) {
    return c.resource().equals("websocketbridges/status")
        && (c.method().equals("PUT") || c.method().equals("PATCH"));
  }

  /** The first write of any kind after a request matching {@code step} has gone through. */
  static Predicate<Call> firstWriteAfter(String ns, Predicate<Call> step) {
    AtomicBoolean passed = new AtomicBoolean();
    return c -> {
      if (!ns.equals(c.namespace()) || !c.isWrite()) {
        return false;
      }
      if (passed.get()) {
        return true;
      }
      if (step.test(c)) {
        passed.set(true);
      }
      return false;
    };
  }

  /** The first request matching {@code step} once a request matching {@code after} went through. */
  static Predicate<Call> firstAfter(String ns, Predicate<Call> after, Predicate<Call> step) {
    AtomicBoolean passed = new AtomicBoolean();
    return c -> {
      if (!ns.equals(c.namespace())) {
        return false;
      }
      if (passed.get() && step.test(c)) {
        return true;
      }
      if (after.test(c)) {
        passed.set(true);
      }
      return false;
    };
  }

  enum RolloutStep {
    AFTER_CONFIGMAP_WRITE,
    AFTER_CONTROLLER_REVISION_WRITE,
    AFTER_DEPLOYMENT_WRITE,
    BEFORE_STATUS_WRITE
  }

  static Predicate<Call> crashPoint(String ns, RolloutStep step) {
    Predicate<Call> deploymentWrite = c -> c.is("PUT", "deployments");
    return switch (step) {
      case AFTER_CONFIGMAP_WRITE -> firstWriteAfter(ns, c -> c.is("POST", "configmaps"));
      case AFTER_CONTROLLER_REVISION_WRITE ->
          firstWriteAfter(ns, c -> c.is("POST", "controllerrevisions"));
      case AFTER_DEPLOYMENT_WRITE -> firstWriteAfter(ns, deploymentWrite);
      case BEFORE_STATUS_WRITE -> firstAfter(ns, deploymentWrite, CrashRecoveryTest::statusWrite);
    };
  }

  private String readyOnV1() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", V1, s -> {}));
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(30),
        s -> s.phase == Phase.Ready && s.stableRevision != null);
    return ns;
  }

  @ParameterizedTest
  @EnumSource(RolloutStep.class)
  void aRolloutSurvivesTheOperatorDyingAt(RolloutStep step) {
    String ns = readyOnV1();
    WebSocketBridgeStatus before = harness.get(ns, "chat").getStatus();
    try (ImageHistory images = harness.recordImages(ns, "chat")) {
      harness.faults().crashAt(crashPoint(ns, step));
      // A new image and a new config: every owned object of the revision is written.
      harness.edit(
          ns,
          "chat",
          b -> {
            b.getSpec().image = V2;
            b.getSpec().bridge.settings.put("feature", "on");
          });
      harness.awaitCrashAndRestart();

      WebSocketBridgeStatus status =
          harness.awaitStatus(
              ns,
              "chat",
              Duration.ofSeconds(30),
              s ->
                  s.phase == Phase.Ready
                      && s.stableRevision != null
                      && !s.stableRevision.name.equals(before.stableRevision.name));
      harness.cluster.awaitSteps(20);
      assertThat(status.failedRevisions).isEmpty();
      assertThat(harness.deployedImage(ns, "chat")).isEqualTo(V2);
      assertThat(harness.eventCount(ns, "RolledBack")).isZero();
      assertThat(images.images()).containsExactly(V1, V2);
      assertThat(harness.client.configMaps().inNamespace(ns).list().getItems())
          .anyMatch(c -> c.getData().get("bridge.yaml").contains("feature: \"on\""));
    }
  }

  /**
   * The rollback is one Deployment write carrying the failure (an annotation), then its events,
   * then the status write that records the failure: the operator dies before each of them.
   */
  enum RollbackStep {
    BEFORE_ROLLBACK_DEPLOYMENT_WRITE,
    AFTER_ROLLBACK_DEPLOYMENT_WRITE,
    BEFORE_FAILURE_STATUS_WRITE
  }

  static Predicate<Call> crashPoint(String ns, RollbackStep step) {
    Predicate<Call> failureRecorded =
        c -> statusWrite(c) && c.body().contains("\"reason\":\"CrashLoopBackOff\"");
    Predicate<Call> rollbackWrite =
        c -> c.is("PUT", "deployments") && c.body().contains("ghcr.io/netra/bridge@sha256:");
    return switch (step) {
      case BEFORE_ROLLBACK_DEPLOYMENT_WRITE ->
          c -> ns.equals(c.namespace()) && rollbackWrite.test(c);
      case AFTER_ROLLBACK_DEPLOYMENT_WRITE -> firstWriteAfter(ns, rollbackWrite);
      case BEFORE_FAILURE_STATUS_WRITE -> c -> ns.equals(c.namespace()) && failureRecorded.test(c);
    };
  }

  @ParameterizedTest
  @EnumSource(RollbackStep.class)
  void aRollbackSurvivesTheOperatorDyingAt(RollbackStep step) {
    String ns = readyOnV1();
    WebSocketBridgeStatus before = harness.get(ns, "chat").getStatus();
    String pinned = "ghcr.io/netra/bridge@" + v1Digest;
    try (ImageHistory images = harness.recordImages(ns, "chat")) {
      harness.faults().crashAt(crashPoint(ns, step));
      harness.edit(ns, "chat", b -> b.getSpec().image = BAD);
      harness.awaitCrashAndRestart();

      WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");
      harness.cluster.awaitSteps(50);
      status = harness.get(ns, "chat").getStatus();
      assertRolledBackOnce(ns, status, before, pinned, images.images());
      // Events are keyed by the failure: whichever step the operator died at, the restarted one
      // announces what was not announced, and nothing twice.
      assertThat(harness.eventCount(ns, "RolledBack")).as(() -> eventNames(ns)).isEqualTo(1);
      assertThat(harness.eventCount(ns, "RolloutFailed"))
          .as(() -> eventNames(ns, "RolloutFailed"))
          .isEqualTo(1);
    }
  }

  private static String eventNames(String ns) {
    return eventNames(ns, "RolledBack");
  }

  private static String eventNames(String ns, String reason) {
    return reason
        + " events: "
        + harness.events(ns).stream()
            .filter(e -> reason.equals(e.getReason()))
            .map(e -> e.getMetadata().getName() + " " + e.getMessage())
            .toList();
  }

  @Test
  void withoutACrashTheRollbackEndsTheSameWay() {
    String ns = readyOnV1();
    WebSocketBridgeStatus before = harness.get(ns, "chat").getStatus();
    try (ImageHistory images = harness.recordImages(ns, "chat")) {
      harness.edit(ns, "chat", b -> b.getSpec().image = BAD);
      harness.awaitRolledBack(ns, "chat");
      harness.cluster.awaitSteps(50);
      assertRolledBackOnce(
          ns,
          harness.get(ns, "chat").getStatus(),
          before,
          "ghcr.io/netra/bridge@" + v1Digest,
          images.images());
      assertThat(harness.eventCount(ns, "RolledBack")).isEqualTo(1);
    }
  }

  private static void assertRolledBackOnce(
      String ns,
      WebSocketBridgeStatus status,
      WebSocketBridgeStatus before,
      String pinned,
      List<String> images) {
    assertThat(status.phase).isEqualTo(Phase.RolledBack);
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(status.failedRevisions.get(0).image).isEqualTo(BAD);
    assertThat(status.failedRevisions.get(0).reason).isEqualTo("CrashLoopBackOff");
    assertThat(status.failedRevisions.get(0).message).contains("AttributeError");
    // Status history: the stable revision is the one from before the failed rollout.
    assertThat(status.stableRevision.name).isEqualTo(before.stableRevision.name);
    assertThat(status.stableRevision.digest).isEqualTo(before.stableRevision.digest);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(pinned);
    // No flip-flop: V1, the bad image, then the stable digest, and nothing after it.
    assertThat(images).containsExactly(V1, BAD, pinned);
    assertThat(harness.eventCount(ns, "RolledBack"))
        .as(() -> eventNames(ns))
        .isLessThanOrEqualTo(1);
    assertThat(harness.eventCount(ns, "RolloutFailed"))
        .as(() -> eventNames(ns, "RolloutFailed"))
        .isLessThanOrEqualTo(1);
    assertThat(ReliabilityHarness.condition(status, "RolledBack").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(ReliabilityHarness.condition(status, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
  }
}
