package io.netra.bridge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollbackRecoveryTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static FailedRevision failure(String revision, String retry) {
    return new FailedRevision(
        revision, "img", "h", "CrashLoopBackOff", "boom", "2026-11-25T00:00:00Z", retry);
  }

  private static WebSocketBridgeStatus status() {
    WebSocketBridgeStatus status = new WebSocketBridgeStatus();
    status.phase = Phase.Progressing;
    status.observedGeneration = 3L;
    return status;
  }

  @Test
  void aFailureTheStatusLostIsTakenFromTheDeployment() {
    WebSocketBridgeStatus status = status();

    WebSocketBridgeStatus recovered =
        RollbackRecovery.withMarkedFailure(status, failure("bad1", null), 3, NOW);

    assertThat(recovered.failedRevisions).extracting(f -> f.revision).containsExactly("bad1");
    assertThat(recovered.phase).isEqualTo(Phase.Progressing);
    assertThat(recovered.observedGeneration).isEqualTo(3L);
    assertThat(status.failedRevisions).isEmpty();
    assertThat(Conditions.find(recovered.conditions, Conditions.ROLLED_BACK))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(c.getMessage()).contains("bad1", "boom");
            });
  }

  @Test
  void aFailureTheStatusHoldsIsNotAddedTwice() {
    WebSocketBridgeStatus status = status();
    status.failedRevisions.add(failure("bad1", "t1"));

    assertThat(RollbackRecovery.withMarkedFailure(status, failure("bad1", "t1"), 3, NOW))
        .isSameAs(status);
  }

  @Test
  void anotherAttemptOfTheSameRevisionIsItsOwnFailure() {
    WebSocketBridgeStatus status = status();
    status.failedRevisions.add(failure("bad1", "t1"));

    assertThat(
            RollbackRecovery.withMarkedFailure(status, failure("bad1", "t2"), 3, NOW)
                .failedRevisions)
        .extracting(f -> f.retry)
        .containsExactly("t1", "t2");
  }

  @Test
  void noMarkerChangesNothing() {
    WebSocketBridgeStatus status = status();

    assertThat(RollbackRecovery.withMarkedFailure(status, null, 3, NOW)).isSameAs(status);
  }
}
