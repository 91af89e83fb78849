package io.netra.bridge.health;

import io.netra.bridge.model.FailureReason;

/**
 * The verdict on the pods of one revision.
 *
 * @param failure set when the revision has failed for good (fail fast), null otherwise
 * @param deadlineFailure what the failure would be if the progress deadline passed now; null while
 *     that cannot be told yet, because a Ready pod's config check has not answered
 * @param digest the image digest its Ready pods run, when known
 */
public record RevisionHealth(
    State state,
    int pods,
    int ready,
    int configured,
    FailureReason failure,
    FailureReason deadlineFailure,
    String message,
    String digest) {

  public enum State {
    HEALTHY,
    PROGRESSING,
    FAILED
  }

  public boolean healthy() {
    return state == State.HEALTHY;
  }

  public boolean failed() {
    return state == State.FAILED;
  }
}
