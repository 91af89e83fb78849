package io.netra.bridge.health;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.netra.bridge.model.FailureReason;
import io.netra.bridge.model.ImageReference;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Classifies the pods of one revision: failed for good, healthy (enough pods Ready and configured),
 * or still progressing. Pure: pods and config checks in, verdict out.
 */
public final class RevisionHealthClassifier {
  static final int MESSAGE_TAIL = 512;
  static final String UNREACHABLE_DETAIL =
      "; the operator could not reach the config endpoint of the Ready pods that are not"
          + " configured (connection refused or timed out): the operator's pod must reach each"
          + " bridge pod on its container port (check NetworkPolicies and the port the bridge"
          + " listens on)";

  private RevisionHealthClassifier() {}

  public static RevisionHealth classify(
      List<Pod> revisionPods,
      int expectedReplicas,
      int maxStartupRestarts,
      Function<Pod, ConfigCheck> configChecks) {
    List<Pod> pods =
        revisionPods.stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .toList();

    for (Pod pod : pods) {
      Optional<RevisionHealth> failure = failureOf(pod, maxStartupRestarts, pods.size());
      if (failure.isPresent()) {
        return failure.get();
      }
    }

    List<Pod> ready = pods.stream().filter(PodStatuses::isReady).toList();
    List<Pod> configured = ready.stream().filter(p -> configChecks.apply(p).configured()).toList();
    String digest = majorityDigest(ready);
    if (configured.size() >= expectedReplicas && ready.size() >= expectedReplicas) {
      return new RevisionHealth(
          RevisionHealth.State.HEALTHY,
          pods.size(),
          ready.size(),
          configured.size(),
          null,
          null,
          expectedReplicas
              + "/"
              + expectedReplicas
              + " pods Ready and configured"
              + (configured.size() > expectedReplicas
                  ? " (+" + (configured.size() - expectedReplicas) + " surge)"
                  : ""),
          digest);
    }
    boolean allReady = ready.size() >= expectedReplicas;
    // "Not configured" is a pod's answer, not the absence of one: a check still on its way (a new
    // pod, an operator restart, a pod watch back after an outage) cannot fail the revision.
    boolean awaitingAnswers =
        ready.stream().anyMatch(p -> configChecks.apply(p).state() == ConfigCheck.State.PENDING);
    boolean noneReachable = unconfiguredAllUnreachable(ready, configChecks);
    String message =
        ready.size()
            + "/"
            + expectedReplicas
            + " pods Ready, "
            + configured.size()
            + "/"
            + expectedReplicas
            + " configured"
            + staleDetail(ready, configChecks)
            + (allReady && noneReachable ? UNREACHABLE_DETAIL : "");
    return new RevisionHealth(
        RevisionHealth.State.PROGRESSING,
        pods.size(),
        ready.size(),
        configured.size(),
        null,
        !allReady
            ? FailureReason.ProgressDeadlineExceeded
            : awaitingAnswers
                ? null
                : noneReachable
                    ? FailureReason.ConfigCheckUnreachable
                    : FailureReason.NotConfigured,
        message,
        digest);
  }

  private static Optional<RevisionHealth> failureOf(Pod pod, int maxStartupRestarts, int pods) {
    for (ContainerStatus container : PodStatuses.containerStatuses(pod)) {
      String waiting = PodStatuses.waitingReason(container);
      Optional<FailureReason> fatal = ContainerFailures.fatal(waiting);
      if (fatal.isPresent()) {
        String detail = PodStatuses.waitingMessage(container);
        return Optional.of(
            failed(
                pods,
                fatal.get(),
                "pod "
                    + pod.getMetadata().getName()
                    + ": container "
                    + container.getName()
                    + " is waiting with "
                    + waiting
                    + (detail == null ? "" : ": " + tail(detail))));
      }
      int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
      if (ContainerFailures.CRASH_LOOP.equals(waiting)
          && restarts > maxStartupRestarts
          && !Boolean.TRUE.equals(container.getReady())) {
        return Optional.of(
            failed(pods, FailureReason.CrashLoopBackOff, crashMessage(pod, container, restarts)));
      }
    }
    return Optional.empty();
  }

  private static RevisionHealth failed(int pods, FailureReason reason, String message) {
    return new RevisionHealth(
        RevisionHealth.State.FAILED, pods, 0, 0, reason, reason, message, null);
  }

  private static String crashMessage(Pod pod, ContainerStatus container, int restarts) {
    StringBuilder message =
        new StringBuilder("pod ")
            .append(pod.getMetadata().getName())
            .append(": container ")
            .append(container.getName())
            .append(" crashed at startup ")
            .append(restarts)
            .append(" times");
    ContainerStateTerminated last = PodStatuses.lastTermination(container);
    if (last != null) {
      message.append(", exit code ").append(last.getExitCode());
      if (last.getMessage() != null && !last.getMessage().isBlank()) {
        message.append(": ").append(tail(last.getMessage().strip()));
      } else if (last.getReason() != null) {
        message.append(" (").append(last.getReason()).append(")");
      }
    }
    return message.toString();
  }

  /**
   * True when no Ready pod that is not configured ever answered: refused connections and timeouts
   * say nothing about the pod's config (a NetworkPolicy, a wrong port), so they must not be
   * reported as a pod that has not applied it.
   */
  private static boolean unconfiguredAllUnreachable(
      List<Pod> ready, Function<Pod, ConfigCheck> configChecks) {
    List<ConfigCheck.State> unconfigured =
        ready.stream()
            .map(p -> configChecks.apply(p).state())
            .filter(state -> state != ConfigCheck.State.CONFIGURED)
            .toList();
    return !unconfigured.isEmpty()
        && unconfigured.stream().allMatch(state -> state == ConfigCheck.State.UNREACHABLE);
  }

  private static String staleDetail(List<Pod> ready, Function<Pod, ConfigCheck> configChecks) {
    return ready.stream()
        .filter(p -> configChecks.apply(p).state() == ConfigCheck.State.STALE)
        .findFirst()
        .map(
            p ->
                "; pod "
                    + p.getMetadata().getName()
                    + " reports config hash "
                    + configChecks.apply(p).reportedHash()
                    + ", expected "
                    + PodStatuses.configHash(p))
        .orElse("");
  }

  /** The last {@value #MESSAGE_TAIL} characters: the end of a stack trace says what broke. */
  static String tail(String text) {
    return text.length() <= MESSAGE_TAIL
        ? text
        : "…" + text.substring(text.length() - MESSAGE_TAIL);
  }

  private static String majorityDigest(List<Pod> ready) {
    Map<String, Long> counts =
        ready.stream()
            .flatMap(p -> PodStatuses.containerStatuses(p).stream())
            .filter(c -> PodStatuses.BRIDGE_CONTAINER.equals(c.getName()))
            .map(c -> ImageReference.digestOfImageId(c.getImageID()))
            .flatMap(Optional::stream)
            .collect(Collectors.groupingBy(d -> d, Collectors.counting()));
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
