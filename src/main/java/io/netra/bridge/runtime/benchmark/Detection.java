package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.DeploymentRenderer;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Detection to rollback: a bridge is moved to a failing image; the clock starts when the simulated
 * kubelet sends the pod status that makes the revision fail and stops when the harness's informer
 * sees the Deployment back on the stable digest.
 */
final class Detection {
  /** Waiting reasons that fail a revision at once (issue 2). */
  static final Set<String> FATAL_WAITING =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  enum Kind {
    CRASH_LOOP,
    IMAGE_PULL_FAILURE,
    STALE_CONFIG
  }

  private final BenchEnvironment env;
  private final BridgeFleet fleet;
  private final Map<String, CompletableFuture<Long>> failingWrites = new ConcurrentHashMap<>();
  private final Map<Kind, java.util.List<String>> criticalPaths =
      new java.util.EnumMap<>(Kind.class);

  Detection(BenchEnvironment env, BridgeFleet fleet) {
    this.env = env;
    this.fleet = fleet;
    env.cluster.onPodStatusWritten(this::statusWritten);
  }

  /** One failing rollout of bridge {@code index % N}; returns detection to rollback in ms. */
  double once(Kind kind, int index) {
    String name = fleet.names.get(index % fleet.names.size());
    String image =
        "bench.local/bridge:" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + index;
    switch (kind) {
      case CRASH_LOOP -> env.registry.publish(image, ImageBehaviour.crashesAtStartup(1, "boom"));
      case STALE_CONFIG -> env.registry.publish(image, ImageBehaviour.staleConfig());
      case IMAGE_PULL_FAILURE -> {} // never published: the pull fails
    }
    fleet.awaitBridge(
        name,
        b ->
            b.getStatus() != null
                && b.getStatus().stableRevision != null
                && b.getStatus().phase != Phase.Progressing,
        TIMEOUT);
    String stable = fleet.bridges.get(name).getStatus().stableRevision.image;
    CompletableFuture<Long> failingWrite = new CompletableFuture<>();
    failingWrites.put(image, failingWrite);
    AtomicReference<Instant> appliedAt = new AtomicReference<>();
    CompletableFuture<Long> rolledBack =
        fleet.deployments.when(
            name,
            d -> {
              String deployed = BridgeFleet.image(d);
              if (deployed.equals(image) && appliedAt.get() == null) {
                appliedAt.set(DeploymentRenderer.appliedAt(d));
              }
              return appliedAt.get() != null && deployed.equals(stable);
            });
    boolean traced = !criticalPaths.containsKey(kind);
    if (traced) {
      env.requests().startTrace();
    }
    long generation =
        fleet.edit(
            name,
            spec -> {
              spec.image = image;
              if (kind == Kind.STALE_CONFIG) {
                spec.rollout.progressDeadlineSeconds = 1;
              }
            });
    long end = Timing.await(rolledBack, TIMEOUT);
    if (traced) {
      java.util.List<RequestCounter.Traced> requests = env.requests().stopTrace();
      if (kind != Kind.STALE_CONFIG) {
        criticalPaths.put(kind, criticalPath(requests, Timing.await(failingWrite, TIMEOUT), end));
      }
    }
    fleet.awaitBridge(name, b -> rolledBackAt(b, generation), TIMEOUT);
    failingWrites.remove(image);
    if (kind == Kind.STALE_CONFIG) {
      // Stale config fails by design only at the progress deadline: measure from the deadline.
      long wallOffset = Instant.now().toEpochMilli() * 1_000_000 - System.nanoTime();
      Instant deadline = appliedAt.get().plusSeconds(1);
      long deadlineNanos = deadline.toEpochMilli() * 1_000_000 - wallOffset;
      return Timing.millisSince(deadlineNanos, end);
    }
    return Timing.millisSince(Timing.await(failingWrite, TIMEOUT), end);
  }

  /**
   * The operator's requests between the failing pod status and the rollback seen, the first failing
   * rollout of each kind: what lies on the path from detection to rollback.
   */
  Map<Kind, java.util.List<String>> criticalPaths() {
    return criticalPaths;
  }

  private static java.util.List<String> criticalPath(
      java.util.List<RequestCounter.Traced> requests, long start, long end) {
    java.util.List<String> path = new java.util.ArrayList<>();
    path.add("+0.0 ms failing pod status sent by the simulated kubelet");
    for (RequestCounter.Traced r : requests) {
      if (r.nanos() >= start && r.nanos() <= end) {
        path.add(
            String.format(
                java.util.Locale.ROOT,
                "+%.1f ms %s %s",
                Timing.millisSince(start, r.nanos()),
                r.method(),
                r.path()));
      }
    }
    path.add(
        String.format(
            java.util.Locale.ROOT,
            "+%.1f ms Deployment on the stable digest seen by the harness",
            Timing.millisSince(start, end)));
    return path;
  }

  private static boolean rolledBackAt(WebSocketBridge bridge, long generation) {
    var status = bridge.getStatus();
    return status != null
        && status.phase == Phase.RolledBack
        && status.observedGeneration != null
        && status.observedGeneration >= generation;
  }

  private void statusWritten(Pod pod, long sentAtNanos) {
    if (failingWrites.isEmpty() || pod.getStatus() == null) {
      return;
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (!BridgeNames.CONTAINER.equals(container.getName())) {
        continue;
      }
      CompletableFuture<Long> expected = failingWrites.get(container.getImage());
      if (expected != null && !expected.isDone() && failing(container)) {
        expected.complete(sentAtNanos);
      }
    }
  }

  /** Mirrors issue 2's fail-fast rule with the default maxStartupRestarts of 1. */
  static boolean failing(ContainerStatus container) {
    ContainerStateWaiting waiting =
        container.getState() == null ? null : container.getState().getWaiting();
    String reason = waiting == null ? null : waiting.getReason();
    if (reason == null) {
      return false;
    }
    int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
    return FATAL_WAITING.contains(reason)
        || ("CrashLoopBackOff".equals(reason)
            && restarts > 1
            && !Boolean.TRUE.equals(container.getReady()));
  }
}
