package io.netra.bridge.rollout;

import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.FailureReason;
import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides the next rollout step from what the cluster shows. Pure: the same input always gives the
 * same decision, so every branch is unit-tested with a fixed clock.
 */
public final class RolloutDecider {
  /**
   * Past the deadline with config checks still unanswered: their answers bring a reconcile; this is
   * only the fallback.
   */
  static final Duration AWAITING_ANSWERS_RECHECK = Duration.ofSeconds(1);

  private RolloutDecider() {}

  public static RolloutDecision decide(RolloutInput in) {
    RevisionTemplate desired = in.desired();
    RevisionRef stable = in.previous().stableRevision;
    boolean canRollBack =
        Boolean.TRUE.equals(in.settings().autoRollback)
            && stable != null
            && in.stable() != null
            && stable.digest != null;

    if (isBlocked(in)) {
      return servingAfterFailure(in, canRollBack);
    }
    if (in.deployed() == null
        || !desired.name().equals(in.deployed().name())
        || !Objects.equals(in.deployed().retry(), in.retryToken())) {
      boolean backToStable = canRollBack && desired.name().equals(stable.name);
      return new RolloutDecision(
          backToStable ? Target.STABLE : Target.DESIRED,
          Phase.Progressing,
          "RolloutStarted",
          "rolling out revision " + desired.name() + " (" + desired.image() + ")",
          null,
          null,
          in.settings().progressDeadlineSeconds == null
              ? null
              : Duration.ofSeconds(in.settings().progressDeadlineSeconds));
    }
    Target keepForm =
        Objects.equals(in.deployed().image(), desired.image()) ? Target.DESIRED : Target.STABLE;
    RevisionHealth health = in.deployedHealth();
    if (stable != null && desired.name().equals(stable.name)) {
      return health.healthy()
          ? ready(keepForm, health, null)
          : new RolloutDecision(
              keepForm,
              Phase.Degraded,
              "Degraded",
              "serving revision " + desired.name() + " lost readiness: " + health.message(),
              null,
              null,
              null);
    }
    return verifying(in, health, canRollBack);
  }

  private static RolloutDecision verifying(
      RolloutInput in, RevisionHealth health, boolean canRollBack) {
    RevisionTemplate desired = in.desired();
    if (health.healthy()) {
      RevisionRef promoted = null;
      String digest = health.digest() != null ? health.digest() : ownDigest(desired.image());
      if (digest != null) {
        String pinned = desired.pinnedTo(digest).image();
        promoted = new RevisionRef(desired.name(), pinned, digest, desired.configHash());
      }
      return ready(Target.DESIRED, health, promoted);
    }
    Duration deadline = Duration.ofSeconds(in.settings().progressDeadlineSeconds);
    Instant appliedAt = in.deployed().appliedAt() == null ? in.now() : in.deployed().appliedAt();
    Duration left = Duration.between(in.now(), appliedAt.plus(deadline));
    boolean beforeDeadline = !left.isNegative() && !left.isZero();
    if (!health.failed() && (beforeDeadline || health.deadlineFailure() == null)) {
      return new RolloutDecision(
          Target.DESIRED,
          Phase.Progressing,
          "RolloutInProgress",
          "verifying revision " + desired.name() + ": " + health.message(),
          null,
          null,
          beforeDeadline ? left : AWAITING_ANSWERS_RECHECK);
    }
    FailureReason reason = health.failed() ? health.failure() : health.deadlineFailure();
    String message =
        health.failed()
            ? health.message()
            : health.message() + " " + deadline.toSeconds() + "s after the rollout started";
    FailedRevision failure =
        new FailedRevision(
            desired.name(),
            desired.image(),
            desired.configHash(),
            reason.name(),
            message,
            in.now().toString(),
            in.retryToken());
    if (canRollBack) {
      return new RolloutDecision(
          Target.STABLE,
          Phase.RolledBack,
          "RolledBack",
          rolledBackMessage(in, failure),
          failure,
          null,
          null);
    }
    return new RolloutDecision(
        Target.UNCHANGED,
        Phase.Failed,
        "RolloutFailed",
        "revision " + desired.name() + " failed (" + reason + "): " + message + noRollbackWhy(in),
        failure,
        null,
        null);
  }

  /** The desired revision already failed and nobody asked to retry it: never retry by itself. */
  private static RolloutDecision servingAfterFailure(RolloutInput in, boolean canRollBack) {
    FailedRevision failure = lastFailureOf(in);
    if (!canRollBack) {
      return new RolloutDecision(
          Target.UNCHANGED,
          Phase.Failed,
          "RolloutFailed",
          "revision "
              + failure.revision
              + " failed ("
              + failure.reason
              + "): "
              + failure.message
              + noRollbackWhy(in),
          null,
          null,
          null);
    }
    RevisionHealth health = in.deployedHealth();
    boolean servingStable =
        in.deployed() != null && in.deployed().name().equals(in.previous().stableRevision.name);
    Instant restoredAt = servingStable ? in.deployed().appliedAt() : null;
    Duration deadline = Duration.ofSeconds(in.settings().progressDeadlineSeconds);
    boolean stillRestoring = restoredAt != null && in.now().isBefore(restoredAt.plus(deadline));
    if (servingStable && health != null && !health.healthy() && stillRestoring) {
      return new RolloutDecision(
          Target.STABLE,
          Phase.RolledBack,
          "RolledBack",
          rolledBackMessage(in, failure),
          null,
          null,
          Duration.between(in.now(), restoredAt.plus(deadline)));
    }
    if (servingStable && health != null && !health.healthy()) {
      return new RolloutDecision(
          Target.STABLE,
          Phase.Degraded,
          "StableRevisionDegraded",
          rolledBackMessage(in, failure)
              + "; the stable revision is not healthy: "
              + health.message(),
          null,
          null,
          null);
    }
    return new RolloutDecision(
        Target.STABLE,
        Phase.RolledBack,
        "RolledBack",
        rolledBackMessage(in, failure),
        null,
        null,
        null);
  }

  private static RolloutDecision ready(Target form, RevisionHealth health, RevisionRef promoted) {
    return new RolloutDecision(form, Phase.Ready, "Ready", health.message(), null, promoted, null);
  }

  static boolean isBlocked(RolloutInput in) {
    return lastFailureOf(in) != null;
  }

  private static FailedRevision lastFailureOf(RolloutInput in) {
    return lastFailure(in.previous(), in.desired().name(), in.retryToken());
  }

  /**
   * The newest failure recorded for {@code revision} under this retry value, or null: while there
   * is one, the revision is not rolled out again by itself.
   */
  public static FailedRevision lastFailure(
      WebSocketBridgeStatus status, String revision, String retryToken) {
    FailedRevision last = null;
    for (FailedRevision f : status.failedRevisions) {
      if (revision.equals(f.revision) && Objects.equals(f.retry, retryToken)) {
        last = f;
      }
    }
    return last;
  }

  /** "revision R (image) failed with REASON: message", as conditions and events say it. */
  static String failureSummary(FailedRevision failure) {
    return "revision "
        + failure.revision
        + " ("
        + failure.image
        + ") failed with "
        + failure.reason
        + ": "
        + failure.message;
  }

  private static String rolledBackMessage(RolloutInput in, FailedRevision failure) {
    return failureSummary(failure)
        + "; serving stable revision "
        + in.previous().stableRevision.name
        + " ("
        + in.previous().stableRevision.image
        + "). Change the spec or set the annotation bridge.netra.io/retry to retry.";
  }

  private static String noRollbackWhy(RolloutInput in) {
    if (!Boolean.TRUE.equals(in.settings().autoRollback)) {
      return "; rollout.autoRollback is false, nothing rolled back";
    }
    if (in.previous().stableRevision == null) {
      return "; no earlier revision was ever healthy, nothing to roll back to";
    }
    return "; the stable revision "
        + in.previous().stableRevision.name
        + " cannot be restored (its ControllerRevision is missing)";
  }

  private static String ownDigest(String image) {
    return ImageReference.parse(image).map(ImageReference::digest).orElse(null);
  }
}
