package io.netra.bridge.model;

/** Why a revision failed; the values of {@code failedRevisions[].reason}. */
public enum FailureReason {
  CrashLoopBackOff,
  ImagePullFailure,
  ContainerConfigError,
  ProgressDeadlineExceeded,
  NotConfigured
}
