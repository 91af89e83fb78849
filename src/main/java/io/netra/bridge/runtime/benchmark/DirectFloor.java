package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.ConfigMapRenderer;
import io.netra.bridge.rendering.DeploymentRenderer;
import io.netra.bridge.rendering.RevisionRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rendering.ServiceRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The floors: what a plain client gets from the same mock server and simulated cluster without the
 * operator. The objects are the operator's own renderings, without its label and owner, so the
 * operator's informers never see them.
 */
final class DirectFloor implements AutoCloseable {
  private final BenchEnvironment env;
  private final String namespace;
  private final List<String> names;
  private final ObjectWatch<Deployment> deployments;

  DirectFloor(BenchEnvironment env, String namespace, int count) {
    this.env = env;
    this.namespace = env.namespace(namespace);
    this.names = java.util.stream.IntStream.range(0, count).mapToObj(i -> "f" + i).toList();
    this.deployments =
        new ObjectWatch<>(
            env.client.apps().deployments().inNamespace(this.namespace), this.namespace);
  }

  /**
   * Creates ConfigMap, Deployment and Service per bridge at once; returns each Deployment's time
   * until all its pods are Ready, in ms.
   */
  List<Double> createAll(ExecutorService pool, Duration timeout) {
    List<CompletableFuture<Long>> ready = new ArrayList<>();
    for (String name : names) {
      ready.add(deployments.when(name, d -> rolledOut(d, 1)));
    }
    long start = System.nanoTime();
    List<CompletableFuture<Void>> creates = new ArrayList<>();
    for (String name : names) {
      creates.add(CompletableFuture.runAsync(() -> create(name), pool));
    }
    creates.forEach(CompletableFuture::join);
    return ready.stream().map(f -> Timing.millisSince(start, Timing.await(f, timeout))).toList();
  }

  private void create(String name) {
    WebSocketBridge bridge = BridgeFleet.bridge(namespace, name);
    RevisionTemplate revision = RevisionRenderer.desired(bridge);
    ConfigMap configMap = unmanaged(ConfigMapRenderer.render(bridge, revision));
    Deployment deployment = unmanaged(DeploymentRenderer.render(bridge, revision, Instant.now()));
    deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getLabels()
        .remove(BridgeNames.LABEL_MANAGED_BY);
    Service service = unmanaged(ServiceRenderer.render(bridge));
    env.client.resource(configMap).create();
    env.client.resource(deployment).create();
    env.client.resource(service).create();
  }

  private static <T extends HasMetadata> T unmanaged(T object) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setOwnerReferences(null);
    if (metadata.getLabels() != null) {
      metadata.getLabels().remove(BridgeNames.LABEL_MANAGED_BY);
    }
    return object;
  }

  /** Changes the pod template of one Deployment; returns the time until it is rolled out, in ms. */
  double editUntilRolledOut(int edit, Duration timeout) {
    String name = names.get(edit % names.size());
    long start = System.nanoTime();
    Deployment current =
        env.client.apps().deployments().inNamespace(namespace).withName(name).get();
    Deployment changed =
        new DeploymentBuilder(current)
            .editSpec()
            .editTemplate()
            .editMetadata()
            .addToAnnotations("bench.netra.io/edit", Integer.toString(edit))
            .endMetadata()
            .endTemplate()
            .endSpec()
            .build();
    long generation = env.client.resource(changed).update().getMetadata().getGeneration();
    return Timing.millisSince(
        start, Timing.await(deployments.when(name, d -> rolledOut(d, generation)), timeout));
  }

  private static boolean rolledOut(Deployment deployment, long generation) {
    DeploymentStatus status = deployment.getStatus();
    int replicas = deployment.getSpec().getReplicas();
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() >= generation
        && Objects.equals(status.getReplicas(), replicas)
        && Objects.equals(status.getUpdatedReplicas(), replicas)
        && Objects.equals(status.getReadyReplicas(), replicas);
  }

  /** The watch floor with only the floor's objects present, {@code count} samples in ms. */
  List<Double> watchDelivery(int count, Duration timeout) {
    try (WatchFloor floor = new WatchFloor(env, namespace, "watch-floor", timeout)) {
      return floor.samples(count, timeout);
    }
  }

  /**
   * Deletes the floor's Deployments (the simulated controller deletes their pods), ConfigMaps and
   * Services.
   */
  void deleteAll() {
    for (String name : names) {
      env.client.apps().deployments().inNamespace(namespace).withName(name).delete();
      env.client.services().inNamespace(namespace).withName(name).delete();
    }
    env.client
        .configMaps()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(c -> env.client.resource(c).delete());
  }

  @Override
  public void close() {
    deployments.close();
  }
}
