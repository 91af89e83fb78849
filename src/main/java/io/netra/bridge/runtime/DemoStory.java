package io.netra.bridge.runtime;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The incident, played against a running operator: {@code chat} rolls out 1.4.0; 1.5.0 crashes at
 * startup with the AttributeError of the outage and is rolled back to 1.4.0's digest; the fixed
 * 1.5.1 rolls out. Every step lands in the timeline; a step that does not happen in time fails the
 * story with {@link StoryFailed}.
 */
final class DemoStory {
  static final String NAMESPACE = "demo";
  static final String NAME = "chat";
  static final String REPOSITORY = "gcr.io/netra-staging/netra-backend";
  static final String GOOD = REPOSITORY + ":1.4.0";
  static final String BROKEN = REPOSITORY + ":1.5.0";
  static final String FIXED = REPOSITORY + ":1.5.1";
  static final String CRASH =
      "Traceback (most recent call last):\n"
          + "  File \"/app/netra_backend/app/main.py\", line 41, in startup\n"
          + "    bridge.configure(websocket_manager=manager, logger=logger)\n"
          + "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  private static final Duration POLL = Duration.ofMillis(10);

  /** The story did not happen in time. */
  static final class StoryFailed extends RuntimeException {
    StoryFailed(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;
  private final SimulatedRegistry registry;
  private final MeterRegistry meters;
  private final DemoTimeline timeline;
  private final Progress progress;
  private final long deadlineNanos;

  DemoStory(
      KubernetesClient client,
      SimulatedRegistry registry,
      MeterRegistry meters,
      DemoTimeline timeline,
      Progress progress,
      Duration timeout) {
    this.client = client;
    this.registry = registry;
    this.meters = meters;
    this.timeline = timeline;
    this.progress = progress;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  void play() {
    String goodDigest = registry.publish(GOOD, ImageBehaviour.healthy());
    registry.publish(BROKEN, ImageBehaviour.crashesAtStartup(1, CRASH));
    String fixedDigest = registry.publish(FIXED, ImageBehaviour.healthy());
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();

    // 1. A healthy first rollout.
    long applied = timeline.record("apply", NAME + " image " + GOOD + " (2 replicas)").elapsedMs();
    client.resource(bridge(GOOD)).create();
    WebSocketBridgeStatus ready =
        await(
            "1.4.0 to become Ready",
            () -> status(),
            s -> s.phase == Phase.Ready && s.stableRevision != null);
    timeline.record(
        "ready",
        "1.4.0 Ready: "
            + ready.readyReplicas
            + "/2 pods Ready and configured; stable digest "
            + ready.stableRevision.digest);
    timeline.summary("firstRolloutMs", timeline.elapsedMs() - applied);

    // 2. The broken build of the incident.
    long brokenAt = timeline.record("apply", NAME + " image " + BROKEN).elapsedMs();
    edit(BROKEN);
    Pod crashed = await("1.5.0 to start", () -> crashedPod().orElse(null), p -> true);
    ContainerStatus container = crashed.getStatus().getContainerStatuses().get(0);
    var terminated = container.getLastState().getTerminated();
    long crashMs =
        timeline
            .record(
                "crash",
                "pod "
                    + crashed.getMetadata().getName()
                    + " exited with code "
                    + terminated.getExitCode()
                    + ": "
                    + lastLine(terminated.getMessage()))
            .elapsedMs();
    WebSocketBridgeStatus failed =
        await(
            "the operator to notice the crash loop",
            () -> status(),
            s -> s.failedRevisions != null && !s.failedRevisions.isEmpty());
    FailedRevision failure = failed.failedRevisions.get(failed.failedRevisions.size() - 1);
    long detectedMs = Math.max(crashMs, elapsedAt(failure.failedAt));
    timeline.record(detectedMs, "detected", failure.reason + ": " + lastLine(failure.message));
    String stableImage = REPOSITORY + "@" + goodDigest;
    await("the rollback", () -> deployedImage(), stableImage::equals);
    long rollbackMs = timeline.elapsedMs();
    timeline.record(rollbackMs, "rollback", "Deployment back on " + stableImage);
    WebSocketBridgeStatus rolledBack =
        await(
            "1.4.0 to serve again",
            () -> status(),
            s -> s.phase == Phase.RolledBack && s.readyReplicas != null && s.readyReplicas == 2);
    timeline.record(
        "serving",
        "phase RolledBack: "
            + rolledBack.readyReplicas
            + "/2 pods Ready on the stable digest; 1.5.0 will not be retried by itself");
    timeline.summary("brokenImage", BROKEN);
    timeline.summary("failureReason", failure.reason);
    timeline.summary("firstCrashToDetectionMs", Math.max(0, detectedMs - crashMs));
    timeline.summary("detectionToRollbackMs", Math.max(0, rollbackMs - detectedMs));
    timeline.summary("applyToRollbackMs", rollbackMs - brokenAt);
    operatorMeasure().ifPresent(ms -> timeline.summary("operatorSignalToRollbackMs", ms));

    // 3. The fix.
    long fixAt = timeline.record("apply", NAME + " image " + FIXED).elapsedMs();
    edit(FIXED);
    WebSocketBridgeStatus fixed =
        await(
            "1.5.1 to become Ready",
            () -> status(),
            s ->
                s.phase == Phase.Ready
                    && s.stableRevision != null
                    && fixedDigest.equals(s.stableRevision.digest)
                    && Integer.valueOf(2).equals(s.replicas));
    timeline.record(
        "ready",
        "1.5.1 Ready: "
            + fixed.readyReplicas
            + "/2 pods Ready and configured; stable digest "
            + fixed.stableRevision.digest);
    timeline.summary("fixRolloutMs", timeline.elapsedMs() - fixAt);
    timeline.summary("goodDigest", goodDigest);
    timeline.summary("fixedDigest", fixedDigest);
  }

  private WebSocketBridge bridge(String image) {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).build());
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = image;
    spec.replicas = 2;
    spec.rollout.drainSeconds = 0;
    bridge.setSpec(spec);
    return bridge;
  }

  private void edit(String image) {
    for (int attempt = 0; ; attempt++) {
      try {
        client
            .resources(WebSocketBridge.class)
            .inNamespace(NAMESPACE)
            .withName(NAME)
            .edit(
                b -> {
                  b.getSpec().image = image;
                  Long generation = b.getMetadata().getGeneration();
                  b.getMetadata().setGeneration(generation == null ? 2 : generation + 1);
                  return b;
                });
        return;
      } catch (KubernetesClientException e) {
        // The operator writes status concurrently: a conflict means "read again".
        if (e.getCode() != 409 || attempt > 20) {
          throw e;
        }
      }
    }
  }

  private WebSocketBridgeStatus status() {
    WebSocketBridge b =
        client.resources(WebSocketBridge.class).inNamespace(NAMESPACE).withName(NAME).get();
    return b == null ? null : b.getStatus();
  }

  private String deployedImage() {
    Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName(NAME).get();
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private Optional<Pod> crashedPod() {
    return client.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(
            p ->
                p.getStatus() != null
                    && p.getStatus().getContainerStatuses() != null
                    && !p.getStatus().getContainerStatuses().isEmpty())
        .filter(
            p -> {
              ContainerStatus c = p.getStatus().getContainerStatuses().get(0);
              return c.getLastState() != null
                  && c.getLastState().getTerminated() != null
                  && c.getLastState().getTerminated().getFinishedAt() != null;
            })
        .findFirst();
  }

  /** The operator's own view: its detection-to-rollback histogram. */
  private Optional<Long> operatorMeasure() {
    Timer timer = meters.find("websocket_bridge_detection_to_rollback").timer();
    return timer == null || timer.count() == 0
        ? Optional.empty()
        : Optional.of((long) timer.max(TimeUnit.MILLISECONDS));
  }

  private long elapsedAt(String rfc3339) {
    long nowMs = timeline.elapsedMs();
    try {
      long ago = Duration.between(Instant.parse(rfc3339), Instant.now()).toMillis();
      return Math.max(0, nowMs - ago);
    } catch (RuntimeException e) {
      return nowMs;
    }
  }

  private <T> T await(String what, Supplier<T> read, java.util.function.Predicate<T> done) {
    long started = timeline.elapsedMs();
    T last = null;
    while (true) {
      try {
        last = read.get();
      } catch (KubernetesClientException e) {
        last = null;
      }
      if (last != null && done.test(last)) {
        progress.clear();
        return last;
      }
      if (System.nanoTime() > deadlineNanos) {
        progress.clear();
        throw new StoryFailed(
            "timed out waiting for " + what + describe(last, o -> "; last seen: " + o));
      }
      progress.waiting("waiting for " + what, timeline.elapsedMs() - started);
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoryFailed("interrupted while waiting for " + what);
      }
    }
  }

  private static <T> String describe(T value, Function<Object, String> format) {
    if (value == null) {
      return "";
    }
    if (value instanceof WebSocketBridgeStatus s) {
      return format.apply("phase " + s.phase + ", ready " + s.readyReplicas);
    }
    return format.apply(value);
  }

  private static String lastLine(String text) {
    if (text == null) {
      return "";
    }
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }
}
