package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netra.bridge.health.ConfigCheck;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's timing metrics and the config-hash mismatch counter. Labels are a reason or an
 * outcome, never a bridge name.
 *
 * <p>The failure signal of a revision is when its pods' status first showed the failure: the {@code
 * finishedAt} of the crash that pushed the restart count over the limit, the first time the
 * operator saw a container waiting with an error reason (the status carries no time for it), or the
 * progress deadline.
 */
final class RolloutTimings {
  static final String DETECTION_TO_ROLLBACK = "websocket_bridge_detection_to_rollback";
  static final String ROLLOUT_DURATION = "websocket_bridge_rollout_duration";
  static final String CONFIG_HASH_MISMATCHES = "websocket_bridge_config_hash_mismatches";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(120),
    Duration.ofSeconds(300),
    Duration.ofSeconds(600)
  };
  private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final MeterRegistry registry;
  private final Counter mismatches;
  private final Map<String, Instant> firstWaiting = new ConcurrentHashMap<>();
  private final Map<String, Instant> stalePods = new ConcurrentHashMap<>();
  private final Map<String, PendingRollback> pendingRollbacks = new ConcurrentHashMap<>();

  RolloutTimings(MeterRegistry registry) {
    this.registry = registry;
    this.mismatches =
        Counter.builder(CONFIG_HASH_MISMATCHES)
            .description("Pods seen reporting a config hash other than their own (once per pod)")
            .register(registry);
  }

  /** Notes when waiting reasons and stale config hashes were first seen. */
  void observe(List<Pod> pods, Map<String, ConfigCheck> checks, Instant now) {
    for (Pod pod : pods) {
      for (ContainerStatus c : containers(pod)) {
        String reason = waitingReason(c);
        if (reason != null && !STARTING.contains(reason)) {
          firstWaiting.putIfAbsent(key(pod, c, reason), now);
        }
      }
    }
    checks.forEach(
        (uid, check) -> {
          if (check.state() == ConfigCheck.State.STALE && stalePods.putIfAbsent(uid, now) == null) {
            mismatches.increment();
          }
        });
    Instant horizon = now.minus(FORGET_AFTER);
    firstWaiting.values().removeIf(t -> t.isBefore(horizon));
    stalePods.values().removeIf(t -> t.isBefore(horizon));
  }

  /**
   * When the failure of a revision first showed in its pods' status; {@code now} when nothing dates
   * it.
   */
  Instant failureSignal(
      FailedRevision failure,
      List<Pod> revisionPods,
      Optional<Instant> appliedAt,
      int progressDeadlineSeconds,
      int maxStartupRestarts,
      Instant now) {
    String reason = failure.reason;
    if (FailureReason.ProgressDeadlineExceeded.name().equals(reason)
        || FailureReason.NotConfigured.name().equals(reason)
        || FailureReason.ConfigCheckUnreachable.name().equals(reason)) {
      return appliedAt.map(t -> t.plusSeconds(progressDeadlineSeconds)).orElse(now);
    }
    Instant earliest = null;
    for (Pod pod : revisionPods) {
      for (ContainerStatus c : containers(pod)) {
        Instant signal = signalOf(pod, c, maxStartupRestarts);
        if (signal != null && (earliest == null || signal.isBefore(earliest))) {
          earliest = signal;
        }
      }
    }
    return earliest == null || earliest.isAfter(now) ? now : earliest;
  }

  /** A rollback is due: remembered until the rollback is written, in this reconcile or later. */
  void rollbackDue(String bridge, String reason, Instant signal) {
    pendingRollbacks.put(bridge, new PendingRollback(reason, signal));
  }

  /** The stable revision was written to the Deployment; records the time if a rollback was due. */
  void stableWritten(String bridge, Instant writtenAt) {
    PendingRollback pending = pendingRollbacks.remove(bridge);
    if (pending == null) {
      return;
    }
    Timer.builder(DETECTION_TO_ROLLBACK)
        .description(
            "From the failure signal in a pod's status to the rollback written to the Deployment")
        .tag("reason", pending.reason())
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nonNegative(Duration.between(pending.signal(), writtenAt)));
  }

  private record PendingRollback(String reason, Instant signal) {}

  /**
   * @param outcome {@code succeeded}, {@code rolled_back} or {@code failed}
   */
  void rolloutFinished(String outcome, Optional<Instant> appliedAt, Instant now) {
    appliedAt.ifPresent(
        start ->
            Timer.builder(ROLLOUT_DURATION)
                .description("From writing a revision to the Deployment to its verdict")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nonNegative(Duration.between(start, now))));
  }

  private Instant signalOf(Pod pod, ContainerStatus c, int maxStartupRestarts) {
    String reason = waitingReason(c);
    if (reason == null || STARTING.contains(reason)) {
      return null;
    }
    int restarts = c.getRestartCount() == null ? 0 : c.getRestartCount();
    if ("CrashLoopBackOff".equals(reason)) {
      if (restarts <= maxStartupRestarts) {
        return null;
      }
      Instant finished = lastFinishedAt(c);
      if (finished != null) {
        return finished;
      }
    }
    return firstWaiting.get(key(pod, c, reason));
  }

  private static Instant lastFinishedAt(ContainerStatus c) {
    if (c.getLastState() == null || c.getLastState().getTerminated() == null) {
      return null;
    }
    String finishedAt = c.getLastState().getTerminated().getFinishedAt();
    try {
      return finishedAt == null ? null : Instant.parse(finishedAt);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String waitingReason(ContainerStatus c) {
    return c.getState() == null || c.getState().getWaiting() == null
        ? null
        : c.getState().getWaiting().getReason();
  }

  private static List<ContainerStatus> containers(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return List.of();
    }
    return pod.getStatus().getContainerStatuses();
  }

  private static String key(Pod pod, ContainerStatus c, String reason) {
    return pod.getMetadata().getUid() + "/" + c.getName() + "/" + reason;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
