package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/** N bridges in one namespace, created and edited as a user would, watched by plain informers. */
final class BridgeFleet implements AutoCloseable {
  static final String GOOD_IMAGE = "bench.local/bridge:1.0.0";

  final String namespace;
  final List<String> names;
  final ObjectWatch<WebSocketBridge> bridges;
  final ObjectWatch<Deployment> deployments;
  private final BenchEnvironment env;

  BridgeFleet(BenchEnvironment env, String namespace, int count) {
    this.env = env;
    this.namespace = env.namespace(namespace);
    this.names = IntStream.range(0, count).mapToObj(i -> String.format("b%04d", i)).toList();
    this.bridges =
        new ObjectWatch<>(
            env.client.resources(WebSocketBridge.class).inNamespace(this.namespace),
            this.namespace);
    this.deployments =
        new ObjectWatch<>(
            env.client.apps().deployments().inNamespace(this.namespace), this.namespace);
  }

  static WebSocketBridge bridge(String namespace, String name) {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = GOOD_IMAGE;
    spec.replicas = 2;
    // The benchmark measures convergence: a slow embedded cluster must not fail healthy rollouts.
    spec.rollout.progressDeadlineSeconds = 600;
    spec.rollout.drainSeconds = 0;
    spec.bridge.settings.put("agentEventsTopic", "agent-events");
    bridge.setSpec(spec);
    return bridge;
  }

  /** Creates every bridge at once (on {@code pool}); returns each one's time to Ready, in ms. */
  List<Double> createAll(ExecutorService pool, Duration timeout) {
    List<CompletableFuture<Long>> ready = new ArrayList<>();
    for (String name : names) {
      ready.add(bridges.when(name, b -> isReady(b.getStatus(), 1)));
    }
    long start = System.nanoTime();
    List<CompletableFuture<Void>> creates = new ArrayList<>();
    for (String name : names) {
      creates.add(
          CompletableFuture.runAsync(
              () -> env.client.resource(bridge(namespace, name)).create(), pool));
    }
    creates.forEach(CompletableFuture::join);
    return ready.stream().map(f -> Timing.millisSince(start, Timing.await(f, timeout))).toList();
  }

  /**
   * Edits the spec as a user would (read, change, update; again on a conflict with the operator's
   * status write) and returns the time from sending it until the bridge is Ready on it, in ms.
   */
  double editUntilReady(String name, Consumer<WebSocketBridgeSpec> change, Duration timeout) {
    long start = System.nanoTime();
    long generation = edit(name, change);
    long ready = Timing.await(bridges.when(name, b -> isReady(b.getStatus(), generation)), timeout);
    return Timing.millisSince(start, ready);
  }

  /** Edits the spec; returns the new generation. */
  long edit(String name, Consumer<WebSocketBridgeSpec> change) {
    return update(name, b -> change.accept(b.getSpec()));
  }

  /** Changes the bridge (spec or metadata) as a user would; returns the new generation. */
  long update(String name, Consumer<WebSocketBridge> change) {
    for (int attempt = 1; ; attempt++) {
      WebSocketBridge current =
          env.client.resources(WebSocketBridge.class).inNamespace(namespace).withName(name).get();
      change.accept(current);
      try {
        return env.client.resource(current).update().getMetadata().getGeneration();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  void awaitBridge(String name, Predicate<WebSocketBridge> condition, Duration timeout) {
    Timing.await(bridges.when(name, condition), timeout);
  }

  static boolean isReady(WebSocketBridgeStatus status, long generation) {
    return status != null
        && status.phase == Phase.Ready
        && status.observedGeneration != null
        && status.observedGeneration >= generation
        && status.currentRevision != null
        && status.desiredRevision != null
        && status.currentRevision.name.equals(status.desiredRevision.name);
  }

  static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Deletes every bridge (the operator owns nothing the mock server would collect). */
  void deleteAll(ExecutorService pool) throws InterruptedException {
    List<CompletableFuture<Void>> deletes = new ArrayList<>();
    for (String name : names) {
      deletes.add(
          CompletableFuture.runAsync(
              () ->
                  env.client
                      .resources(WebSocketBridge.class)
                      .inNamespace(namespace)
                      .withName(name)
                      .delete(),
              pool));
    }
    deletes.forEach(CompletableFuture::join);
    TimeUnit.MILLISECONDS.sleep(100);
  }

  @Override
  public void close() {
    bridges.close();
    deployments.close();
  }
}
