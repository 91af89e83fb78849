package io.netra.bridge.rollout;

/** Which revision the Deployment should carry after this reconcile. */
public enum Target {
  /** The revision the spec describes, as written. */
  DESIRED,
  /** The last known-good revision, its whole pod template, image pinned by digest. */
  STABLE,
  /** Leave the Deployment's template as it is (a failed revision with nothing to roll back to). */
  UNCHANGED
}
