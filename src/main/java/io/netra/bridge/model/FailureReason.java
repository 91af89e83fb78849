package io.netra.bridge.model;

/** Why a revision failed; the values of {@code failedRevisions[].reason}. */
public enum FailureReason {
  CrashLoopBackOff,
  ImagePullFailure,
  ContainerConfigError,
  ProgressDeadlineExceeded,
  NotConfigured,
  /**
   * At the deadline, no Ready pod that is not configured could be reached on its config endpoint.
   */
  ConfigCheckUnreachable
}
