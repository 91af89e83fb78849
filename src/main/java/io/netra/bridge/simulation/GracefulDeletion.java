package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * How long the simulated kubelet lets a deleted pod's containers stop before it confirms the
 * deletion: the pod's grace period, but never more than {@link #MAX_WAIT}, so tests stay fast (its
 * processes stop at once anyway).
 */
final class GracefulDeletion {

  static final Duration MAX_WAIT = Duration.ofSeconds(1);
  private static final long DEFAULT_GRACE_SECONDS = 30;

  private GracefulDeletion() {}

  /** The wait for a pod the API server has marked for deletion. */
  static Duration waitFor(Pod pod) {
    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (grace == null && pod.getSpec() != null) {
      grace = pod.getSpec().getTerminationGracePeriodSeconds();
    }
    Duration wait = Duration.ofSeconds(Math.max(0, grace == null ? DEFAULT_GRACE_SECONDS : grace));
    return wait.compareTo(MAX_WAIT) < 0 ? wait : MAX_WAIT;
  }

  /** {@link #waitFor} in whole steps, rounded up. */
  static long stepsFor(Pod pod, Duration step) {
    long waitNanos = waitFor(pod).toNanos();
    long stepNanos = step.toNanos();
    return (waitNanos + stepNanos - 1) / stepNanos;
  }
}
