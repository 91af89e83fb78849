package io.netra.bridge.rollout;

import static io.netra.bridge.rollout.RolloutFixtures.NOW;
import static io.netra.bridge.rollout.RolloutFixtures.stableRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.CanonicalJson;
import io.netra.bridge.testing.TestBridges;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusComposerTest {
  private static final Instant LATER = NOW.plusSeconds(90);
  private static final RevisionRef DESIRED =
      new RevisionRef("aaaaaaaaaa", TestBridges.IMAGE, null, "1111111111111111");
  private static final PodCounts COUNTS = new PodCounts(2, 2, 2, 2, 2);

  private static RolloutDecision decision(Phase phase, String reason) {
    return new RolloutDecision(Target.DESIRED, phase, reason, "msg " + reason, null, null, null);
  }

  private static FailedRevision failure(String revision) {
    return new FailedRevision(
        revision, TestBridges.IMAGE, "1111111111111111", "CrashLoopBackOff", "boom", "t", null);
  }

  private static WebSocketBridgeStatus compose(
      WebSocketBridgeStatus previous, RolloutDecision decision, Instant now) {
    return StatusComposer.compose(3, previous, decision, DESIRED, DESIRED, COUNTS, 5, now);
  }

  private static Condition condition(WebSocketBridgeStatus status, String type) {
    return Conditions.find(status.conditions, type).orElseThrow();
  }

  @Test
  void composesCountsRevisionsAndConditions() {
    WebSocketBridgeStatus status =
        StatusComposer.compose(
            3,
            new WebSocketBridgeStatus(),
            decision(Phase.Progressing, "RolloutStarted"),
            DESIRED,
            stableRef(),
            new PodCounts(3, 2, 1, 1, 2),
            5,
            NOW);

    assertThat(status.observedGeneration).isEqualTo(3L);
    assertThat(status.phase).isEqualTo(Phase.Progressing);
    assertThat(status.desiredRevision).isSameAs(DESIRED);
    assertThat(status.currentRevision.name).isEqualTo(stableRef().name);
    assertThat(status.replicas).isEqualTo(3);
    assertThat(status.readyReplicas).isEqualTo(2);
    assertThat(status.configuredReplicas).isEqualTo(1);
    assertThat(status.conditions)
        .extracting(Condition::getType)
        .containsExactly("Ready", "Reconciling", "Stalled", "Configured", "RolledBack");
    assertThat(status.conditions)
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getLastTransitionTime()).isEqualTo(NOW.toString());
              assertThat(c.getReason()).isNotBlank();
            });
    assertThat(condition(status, "Configured").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Configured").getMessage()).contains("1/2");
    assertThat(condition(status, "RolledBack").getReason()).isEqualTo("NoRollback");
  }

  @ParameterizedTest
  @CsvSource({
    "Progressing, False, True, False",
    "Ready, True, False, False",
    "Degraded, False, False, False",
    "RolledBack, False, False, True",
    "Failed, False, False, True",
  })
  void readyReconcilingAndStalledFollowThePhase(
      Phase phase, String ready, String reconciling, String stalled) {
    WebSocketBridgeStatus status =
        compose(new WebSocketBridgeStatus(), decision(phase, "Why"), NOW);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo(ready);
    assertThat(condition(status, "Reconciling").getStatus()).isEqualTo(reconciling);
    assertThat(condition(status, "Stalled").getStatus()).isEqualTo(stalled);
    if ("True".equals(stalled)) {
      assertThat(condition(status, "Stalled").getReason()).isEqualTo("Why");
      assertThat(condition(status, "Stalled").getMessage()).isEqualTo("msg Why");
    }
  }

  @Test
  void lastTransitionTimeIsKeptWhileStatusIsUnchangedAndMovesOnChange() {
    WebSocketBridgeStatus first =
        compose(new WebSocketBridgeStatus(), decision(Phase.Progressing, "RolloutStarted"), NOW);

    WebSocketBridgeStatus second =
        compose(first, decision(Phase.Progressing, "RolloutInProgress"), LATER);
    assertThat(condition(second, "Reconciling").getLastTransitionTime()).isEqualTo(NOW.toString());
    assertThat(condition(second, "Reconciling").getReason()).isEqualTo("RolloutInProgress");
    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(NOW.toString());

    WebSocketBridgeStatus third = compose(second, decision(Phase.Ready, "Ready"), LATER);
    assertThat(condition(third, "Ready").getLastTransitionTime()).isEqualTo(LATER.toString());
    assertThat(condition(third, "Reconciling").getLastTransitionTime()).isEqualTo(LATER.toString());
    assertThat(condition(third, "Stalled").getLastTransitionTime()).isEqualTo(NOW.toString());
  }

  @Test
  void composingTwiceFromTheSameInputGivesAnEqualStatus() {
    RolloutDecision rollback =
        new RolloutDecision(
            Target.STABLE,
            Phase.RolledBack,
            "RolledBack",
            "rolled back",
            failure("bbbbbbbbbb"),
            null,
            null);
    WebSocketBridgeStatus first = compose(RolloutFixtures.statusWithStable(), rollback, NOW);
    RolloutDecision steady =
        new RolloutDecision(
            Target.STABLE, Phase.RolledBack, "RolledBack", "rolled back", null, null, null);

    WebSocketBridgeStatus second = compose(first, steady, LATER);
    WebSocketBridgeStatus third = compose(second, steady, LATER.plusSeconds(60));

    assertThat(CanonicalJson.tree(second)).isEqualTo(CanonicalJson.tree(first));
    assertThat(CanonicalJson.tree(third)).isEqualTo(CanonicalJson.tree(first));
  }

  @Test
  void failedRevisionsAreBoundedByTheHistoryLimitKeepingTheNewest() {
    WebSocketBridgeStatus previous = new WebSocketBridgeStatus();
    IntStream.range(0, 5).forEach(i -> previous.failedRevisions.add(failure("rev" + i)));
    RolloutDecision failed =
        new RolloutDecision(
            Target.UNCHANGED, Phase.Failed, "RolloutFailed", "failed", failure("rev5"), null, null);

    WebSocketBridgeStatus next =
        StatusComposer.compose(3, previous, failed, DESIRED, DESIRED, COUNTS, 3, NOW);

    assertThat(next.failedRevisions)
        .extracting(f -> f.revision)
        .containsExactly("rev3", "rev4", "rev5");
    assertThat(previous.failedRevisions).as("previous is not changed").hasSize(5);
  }

  @Test
  void failedRevisionsWithinTheLimitAreKeptInOrder() {
    WebSocketBridgeStatus previous = new WebSocketBridgeStatus();
    previous.failedRevisions.add(failure("rev0"));

    WebSocketBridgeStatus next = compose(previous, decision(Phase.Ready, "Ready"), NOW);

    assertThat(next.failedRevisions).extracting(f -> f.revision).containsExactly("rev0");
  }

  @Test
  void rolledBackIsTrueOnRollbackAndFalseOnceANewRevisionIsPromoted() {
    RolloutDecision rollback =
        new RolloutDecision(
            Target.STABLE,
            Phase.RolledBack,
            "RolledBack",
            "rolled back to stable",
            failure("bbbbbbbbbb"),
            null,
            null);
    WebSocketBridgeStatus afterRollback =
        compose(RolloutFixtures.statusWithStable(), rollback, NOW);
    Condition rolledBack = condition(afterRollback, "RolledBack");
    assertThat(rolledBack.getStatus()).isEqualTo("True");
    assertThat(rolledBack.getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(rolledBack.getMessage()).isEqualTo("rolled back to stable");
    assertThat(condition(afterRollback, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(afterRollback, "Stalled").getReason()).isEqualTo("RolledBack");
    assertThat(afterRollback.failedRevisions).hasSize(1);
    assertThat(afterRollback.stableRevision.name).isEqualTo(stableRef().name);

    WebSocketBridgeStatus progressing =
        compose(afterRollback, decision(Phase.Progressing, "RolloutStarted"), LATER);
    assertThat(condition(progressing, "RolledBack").getStatus()).isEqualTo("True");

    RevisionRef promoted =
        new RevisionRef(
            "cccccccccc", "ghcr.io/netra/bridge@" + TestBridges.DIGEST, TestBridges.DIGEST, "h");
    RolloutDecision ready =
        new RolloutDecision(Target.DESIRED, Phase.Ready, "Ready", "ok", null, promoted, null);
    WebSocketBridgeStatus healthy = compose(progressing, ready, LATER.plusSeconds(30));
    assertThat(condition(healthy, "RolledBack").getStatus()).isEqualTo("False");
    assertThat(condition(healthy, "RolledBack").getReason()).isEqualTo("RevisionHealthy");
    assertThat(condition(healthy, "RolledBack").getLastTransitionTime())
        .isEqualTo(LATER.plusSeconds(30).toString());
    assertThat(healthy.stableRevision).isSameAs(promoted);
  }

  @Test
  void invalidSpecIsStalledAndKeepsEverythingElse() {
    WebSocketBridgeStatus previous =
        compose(RolloutFixtures.statusWithStable(), decision(Phase.Ready, "Ready"), NOW);

    WebSocketBridgeStatus invalid =
        StatusComposer.invalid(4, previous, "spec.replicas: must be between", LATER);

    assertThat(invalid.phase).isEqualTo(Phase.Failed);
    assertThat(invalid.observedGeneration).isEqualTo(4L);
    assertThat(invalid.stableRevision.name).isEqualTo(stableRef().name);
    assertThat(invalid.readyReplicas).isEqualTo(2);
    assertThat(condition(invalid, "Stalled").getStatus()).isEqualTo("True");
    assertThat(condition(invalid, "Stalled").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(invalid, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(invalid, "Configured").getLastTransitionTime()).isEqualTo(NOW.toString());
  }

  @Test
  void pausedIsNotStalled() {
    WebSocketBridgeStatus paused = StatusComposer.paused(4, new WebSocketBridgeStatus(), NOW);

    assertThat(paused.phase).isEqualTo(Phase.Paused);
    assertThat(condition(paused, "Stalled").getStatus()).isEqualTo("False");
    assertThat(condition(paused, "Ready").getReason()).isEqualTo("Paused");
  }

  @Test
  void conditionsKeepCarriesOverOrSetsInitially() {
    List<Condition> previous =
        new Conditions(List.of(), 1, NOW).set("RolledBack", true, "CrashLoopBackOff", "m").build();

    List<Condition> kept =
        new Conditions(previous, 2, LATER).keep("RolledBack", false, "NoRollback", "x").build();
    assertThat(kept)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(c.getLastTransitionTime()).isEqualTo(NOW.toString());
              assertThat(c.getObservedGeneration()).isEqualTo(2L);
            });

    List<Condition> initial =
        new Conditions(null, 2, LATER).keep("RolledBack", false, "NoRollback", "x").build();
    assertThat(initial.get(0).getStatus()).isEqualTo("False");
    assertThat(initial.get(0).getReason()).isEqualTo("NoRollback");
  }
}
