package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How long the simulated kubelet lets a deleted pod's containers stop before it confirms the
 * deletion: the longest {@code preStop} sleep (after which the process exits on SIGTERM) or, with
 * none, the grace period; never more than the grace period, nor than {@link #MAX_WAIT}, so tests
 * stay fast.
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
    long seconds = Math.max(0, grace == null ? DEFAULT_GRACE_SECONDS : grace);
    OptionalLong preStop = preStopSleepSeconds(pod);
    if (preStop.isPresent()) {
      seconds = Math.min(seconds, preStop.getAsLong());
    }
    Duration wait = Duration.ofSeconds(seconds);
    return wait.compareTo(MAX_WAIT) < 0 ? wait : MAX_WAIT;
  }

  private static OptionalLong preStopSleepSeconds(Pod pod) {
    if (pod.getSpec() == null) {
      return OptionalLong.empty();
    }
    return pod.getSpec().getContainers().stream()
        .map(Container::getLifecycle)
        .filter(l -> l != null && l.getPreStop() != null && l.getPreStop().getSleep() != null)
        .mapToLong(l -> l.getPreStop().getSleep().getSeconds())
        .max();
  }

  /** {@link #waitFor} in whole steps, rounded up. */
  static long stepsFor(Pod pod, Duration step) {
    long waitNanos = waitFor(pod).toNanos();
    long stepNanos = step.toNanos();
    return (waitNanos + stepNanos - 1) / stepNanos;
  }
}
