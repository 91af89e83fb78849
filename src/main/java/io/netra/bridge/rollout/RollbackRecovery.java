package io.netra.bridge.rollout;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.WebSocketBridgeStatus;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Puts back a failure the status lost: a rollback is written with its failure on the Deployment
 * (see {@code RollbackMarker}) before the status records it; if the operator died in between, the
 * next reconcile takes the failure from the Deployment, so the failed revision stays blocked.
 */
public final class RollbackRecovery {
  private RollbackRecovery() {}

  /**
   * {@code status}, with {@code marked} added, and the RolledBack condition set for it, when it is
   * a failure the status does not hold.
   */
  public static WebSocketBridgeStatus withMarkedFailure(
      WebSocketBridgeStatus status, FailedRevision marked, long generation, Instant now) {
    if (marked == null
        || RolloutDecider.lastFailure(status, marked.revision, marked.retry) != null) {
      return status;
    }
    WebSocketBridgeStatus recovered = StatusComposer.copyOf(status);
    recovered.phase = status.phase;
    recovered.observedGeneration = status.observedGeneration;
    recovered.failedRevisions.add(marked);
    Conditions conditions =
        new Conditions(
            status.conditions == null ? new ArrayList<>() : status.conditions, generation, now);
    conditions.set(
        Conditions.ROLLED_BACK, true, marked.reason, RolloutDecider.failureSummary(marked));
    recovered.conditions = conditions.build();
    return recovered;
  }
}
