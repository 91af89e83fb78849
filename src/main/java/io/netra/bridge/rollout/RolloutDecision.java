package io.netra.bridge.rollout;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import java.time.Duration;

/**
 * What to do next and what to say about it.
 *
 * @param reason a CamelCase reason for the Ready/Stalled conditions
 * @param newFailure a failed revision to record (on the rollback write when there is one, before
 *     anything else when there is not), or null
 * @param newStable the revision that just proved healthy, image pinned by digest, or null
 * @param recheckAfter when to look again even if nothing changes (the progress deadline), or null
 */
public record RolloutDecision(
    Target target,
    Phase phase,
    String reason,
    String message,
    FailedRevision newFailure,
    RevisionRef newStable,
    Duration recheckAfter) {

  public boolean rollsBack() {
    return newFailure != null && target == Target.STABLE;
  }
}
