package io.netra.bridge.rollout;

import static io.netra.bridge.rollout.RolloutFixtures.NOW;
import static io.netra.bridge.rollout.RolloutFixtures.crashed;
import static io.netra.bridge.rollout.RolloutFixtures.deployed;
import static io.netra.bridge.rollout.RolloutFixtures.desired;
import static io.netra.bridge.rollout.RolloutFixtures.healthy;
import static io.netra.bridge.rollout.RolloutFixtures.input;
import static io.netra.bridge.rollout.RolloutFixtures.progressing;
import static io.netra.bridge.rollout.RolloutFixtures.stableRef;
import static io.netra.bridge.rollout.RolloutFixtures.stableTemplate;
import static io.netra.bridge.rollout.RolloutFixtures.statusWithStable;
import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.FailureReason;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RolloutSettings;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.testing.TestBridges;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutDeciderTest {
  private static final RolloutSettings DEFAULTS = new RolloutSettings();

  /** The desired revision failed (crash) and the operator rolled back to the stable one. */
  private static WebSocketBridgeStatus afterRollback(String retry) {
    WebSocketBridgeStatus status = statusWithStable();
    RevisionTemplate desired = desired();
    status.failedRevisions.add(
        new FailedRevision(
            desired.name(),
            desired.image(),
            desired.configHash(),
            "CrashLoopBackOff",
            "crashed",
            NOW.minusSeconds(600).toString(),
            retry));
    return status;
  }

  @Test
  void firstRolloutStartsTheDesiredRevision() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(desired(), null, DEFAULTS, new WebSocketBridgeStatus(), null, null, null));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.reason()).isEqualTo("RolloutStarted");
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.newStable()).isNull();
    assertThat(decision.message()).contains(desired().name(), TestBridges.IMAGE);
  }

  @Test
  void newRevisionReplacesTheServingStableOne() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(stableTemplate(), NOW.minusSeconds(3600)),
                stableTemplate(),
                healthy(TestBridges.OTHER_DIGEST)));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void healthyRevisionIsReadyAndPromotedPinnedByDigest() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(30)),
                stableTemplate(),
                healthy(TestBridges.DIGEST)));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Ready);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.recheckAfter()).isNull();
    assertThat(decision.newStable().name).isEqualTo(desired.name());
    assertThat(decision.newStable().image).isEqualTo("ghcr.io/netra/bridge@" + TestBridges.DIGEST);
    assertThat(decision.newStable().digest).isEqualTo(TestBridges.DIGEST);
    assertThat(decision.newStable().configHash).isEqualTo(desired.configHash());
  }

  @Test
  void healthyRevisionWrittenByDigestIsPromotedWithItsOwnDigest() {
    RevisionTemplate desired =
        RolloutFixtures.revision("ghcr.io/netra/bridge:1.4.2@" + TestBridges.DIGEST);

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                new WebSocketBridgeStatus(),
                deployed(desired, NOW),
                null,
                healthy(null)));

    assertThat(decision.newStable().image).isEqualTo("ghcr.io/netra/bridge@" + TestBridges.DIGEST);
  }

  @Test
  void healthyRevisionWithoutAnyDigestIsReadyButNotPromoted() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                new WebSocketBridgeStatus(),
                deployed(desired, NOW),
                null,
                healthy(null)));

    assertThat(decision.phase()).isEqualTo(Phase.Ready);
    assertThat(decision.newStable()).isNull();
  }

  @Test
  void failFastWithAStableRevisionRollsBack() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                "r1",
                DEFAULTS,
                statusWithStable(),
                new DeployedRevision(desired.name(), desired.image(), NOW.minusSeconds(20), "r1"),
                stableTemplate(),
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.reason()).isEqualTo("RolledBack");
    assertThat(decision.rollsBack()).isTrue();
    FailedRevision failure = decision.newFailure();
    assertThat(failure.revision).isEqualTo(desired.name());
    assertThat(failure.image).isEqualTo(TestBridges.IMAGE);
    assertThat(failure.configHash).isEqualTo(desired.configHash());
    assertThat(failure.reason).isEqualTo("CrashLoopBackOff");
    assertThat(failure.message).contains("exit code 1", "has no attribute 'configure'");
    assertThat(failure.failedAt).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(failure.retry).isEqualTo("r1");
    assertThat(decision.message())
        .contains(desired.name(), stableRef().name, stableRef().image, "bridge.netra.io/retry");
  }

  @Test
  void failureWithoutAStableRevisionLeavesTheDeploymentAndFails() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                new WebSocketBridgeStatus(),
                deployed(desired, NOW.minusSeconds(20)),
                null,
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.UNCHANGED);
    assertThat(decision.phase()).isEqualTo(Phase.Failed);
    assertThat(decision.reason()).isEqualTo("RolloutFailed");
    assertThat(decision.rollsBack()).isFalse();
    assertThat(decision.newFailure().reason).isEqualTo("CrashLoopBackOff");
    assertThat(decision.message()).contains("no earlier revision was ever healthy");
  }

  @Test
  void failureWithAutoRollbackOffDoesNotRollBack() {
    RevisionTemplate desired = desired();
    RolloutSettings noRollback = new RolloutSettings();
    noRollback.autoRollback = false;

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                noRollback,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(20)),
                stableTemplate(),
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.UNCHANGED);
    assertThat(decision.phase()).isEqualTo(Phase.Failed);
    assertThat(decision.newFailure()).isNotNull();
    assertThat(decision.message()).contains("rollout.autoRollback is false");
  }

  @Test
  void failureWithAMissingStableControllerRevisionDoesNotRollBack() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(20)),
                null,
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.UNCHANGED);
    assertThat(decision.phase()).isEqualTo(Phase.Failed);
    assertThat(decision.message()).contains("ControllerRevision is missing");
  }

  @Test
  void deadlinePassedWithPodsNotReadyIsProgressDeadlineExceeded() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(121)),
                stableTemplate(),
                progressing(FailureReason.ProgressDeadlineExceeded, "1/2 pods Ready")));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.newFailure().reason).isEqualTo("ProgressDeadlineExceeded");
    assertThat(decision.newFailure().message)
        .isEqualTo("1/2 pods Ready 120s after the rollout started");
  }

  @Test
  void deadlineReachedExactlyWithPodsReadyButNotConfiguredIsNotConfigured() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(120)),
                stableTemplate(),
                progressing(FailureReason.NotConfigured, "2/2 pods Ready, 1/2 configured")));

    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.newFailure().reason).isEqualTo("NotConfigured");
  }

  @Test
  void pastTheDeadlineWithConfigChecksUnansweredItWaitsForTheAnswers() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(300)),
                stableTemplate(),
                progressing(null, "2/2 pods Ready, 0/2 configured")));

    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.recheckAfter()).isEqualTo(RolloutDecider.AWAITING_ANSWERS_RECHECK);
  }

  @Test
  void beforeTheDeadlineItKeepsVerifyingWithTheRemainingTime() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(desired, NOW.minusSeconds(100)),
                stableTemplate(),
                progressing(FailureReason.ProgressDeadlineExceeded, "1/2 pods Ready")));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.reason()).isEqualTo("RolloutInProgress");
    assertThat(decision.recheckAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.message()).contains("1/2 pods Ready");
  }

  @Test
  void blockedRevisionKeepsServingTheStableOneWithoutANewFailure() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(500)),
                stableTemplate(),
                healthy(TestBridges.OTHER_DIGEST)));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.newStable()).isNull();
    assertThat(decision.rollsBack()).isFalse();
  }

  @Test
  void blockedRevisionStaysBlockedWhileTheDeploymentStillCarriesIt() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                "r1",
                DEFAULTS,
                afterRollback("r1"),
                deployed(desired, NOW.minusSeconds(500)),
                stableTemplate(),
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.newFailure()).isNull();
  }

  @Test
  void blockedRevisionWithoutStableStaysFailedWithoutANewFailure() {
    RevisionTemplate desired = desired();
    WebSocketBridgeStatus status = afterRollback(null);
    status.stableRevision = null;

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                null,
                DEFAULTS,
                status,
                deployed(desired, NOW.minusSeconds(500)),
                null,
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.UNCHANGED);
    assertThat(decision.phase()).isEqualTo(Phase.Failed);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.message()).contains("crashed", "no earlier revision");
  }

  @Test
  void changedRetryTokenRollsTheDesiredRevisionOutAgain() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                "second-try",
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(500)),
                stableTemplate(),
                healthy(TestBridges.OTHER_DIGEST)));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.newFailure()).isNull();
  }

  @Test
  void specBackToTheStableRevisionRestoresItsPinnedForm() {
    RevisionTemplate stableAsWritten = RolloutFixtures.revision("ghcr.io/netra/bridge:1.4.1");
    RevisionTemplate failed = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                stableAsWritten,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(failed, NOW.minusSeconds(30)),
                stableTemplate(),
                crashed()));

    assertThat(stableAsWritten.name()).isEqualTo(stableRef().name);
    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.newFailure()).isNull();
  }

  @Test
  void servingTheStableRevisionInPinnedFormKeepsThatForm() {
    RevisionTemplate stableAsWritten = RolloutFixtures.revision("ghcr.io/netra/bridge:1.4.1");

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                stableAsWritten,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(stableTemplate(), NOW.minusSeconds(3000)),
                stableTemplate(),
                healthy(TestBridges.OTHER_DIGEST)));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.Ready);
    assertThat(decision.newStable()).as("already stable").isNull();
  }

  @Test
  void servingStableThatLosesReadinessIsDegradedNotRolledBack() {
    RevisionTemplate stableAsWritten = RolloutFixtures.revision("ghcr.io/netra/bridge:1.4.1");

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                stableAsWritten,
                null,
                DEFAULTS,
                statusWithStable(),
                deployed(stableAsWritten, NOW.minusSeconds(3000)),
                stableTemplate(),
                crashed()));

    assertThat(decision.phase()).isEqualTo(Phase.Degraded);
    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.rollsBack()).isFalse();
    assertThat(decision.message()).contains("lost readiness", "AttributeError");
  }

  @Test
  void unhealthyStableAfterARollbackIsDegradedWithoutANewFailure() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(500)),
                stableTemplate(),
                progressing(FailureReason.ProgressDeadlineExceeded, "1/2 pods Ready")));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.Degraded);
    assertThat(decision.reason()).isEqualTo("StableRevisionDegraded");
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.message()).contains("1/2 pods Ready");
  }

  @Test
  void sameInputGivesTheSameDecision() {
    RevisionTemplate desired = desired();
    RolloutInput in =
        input(
            desired,
            null,
            DEFAULTS,
            statusWithStable(),
            deployed(desired, NOW.minusSeconds(20)),
            stableTemplate(),
            crashed());

    assertThat(RolloutDecider.decide(in))
        .usingRecursiveComparison()
        .isEqualTo(RolloutDecider.decide(in));
  }

  @Test
  void aNewRetryValueStartsANewAttemptOfTheSameRevision() {
    RevisionTemplate desired = desired();

    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired,
                "2",
                DEFAULTS,
                statusWithStable(),
                new DeployedRevision(desired.name(), desired.image(), NOW.minusSeconds(20), "1"),
                stableTemplate(),
                crashed()));

    assertThat(decision.target()).isEqualTo(Target.DESIRED);
    assertThat(decision.phase()).isEqualTo(Phase.Progressing);
    assertThat(decision.newFailure()).isNull();
  }

  @Test
  void stablePodsStillComingBackAfterARollbackAreRolledBackNotDegraded() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(5)),
                stableTemplate(),
                progressing(FailureReason.ProgressDeadlineExceeded, "1/2 pods Ready")));

    assertThat(decision.target()).isEqualTo(Target.STABLE);
    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.newFailure()).isNull();
    assertThat(decision.recheckAfter())
        .isEqualTo(java.time.Duration.ofSeconds(DEFAULTS.progressDeadlineSeconds - 5));
  }

  @Test
  void stablePodsNotBackExactlyAtTheDeadlineAreDegraded() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(DEFAULTS.progressDeadlineSeconds)),
                stableTemplate(),
                progressing(FailureReason.ProgressDeadlineExceeded, "1/2 pods Ready")));

    assertThat(decision.phase()).isEqualTo(Phase.Degraded);
    assertThat(decision.recheckAfter()).isNull();
  }

  @Test
  void healthyStableAfterARollbackIsRolledBack() {
    RolloutDecision decision =
        RolloutDecider.decide(
            input(
                desired(),
                null,
                DEFAULTS,
                afterRollback(null),
                deployed(stableTemplate(), NOW.minusSeconds(5)),
                stableTemplate(),
                healthy(TestBridges.OTHER_DIGEST)));

    assertThat(decision.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.recheckAfter()).isNull();
    assertThat(decision.message()).contains("bridge.netra.io/retry");
  }
}
