package io.netra.bridge.health;

/**
 * What a pod's configured endpoint answered. {@code reportedHash} is the hash the pod reported, if
 * any.
 */
public record ConfigCheck(State state, String reportedHash) {

  public enum State {
    /** Not asked yet, or the answer is on its way. */
    PENDING,
    /** Answered 200 with {@code configured: true} and the pod's own config hash. */
    CONFIGURED,
    /** Answered {@code configured: true} with another hash: it has not applied this config. */
    STALE,
    /** Answered, but not configured (not 200, or {@code configured: false}). */
    NOT_CONFIGURED,
    /** Could not be reached. */
    UNREACHABLE
  }

  public static final ConfigCheck PENDING = new ConfigCheck(State.PENDING, null);

  public boolean configured() {
    return state == State.CONFIGURED;
  }
}
