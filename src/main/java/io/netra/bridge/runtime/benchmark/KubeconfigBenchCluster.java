package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.simulation.PodStatusListener;
import io.netra.bridge.simulation.SimulatedNodes;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A real cluster from a kubeconfig (the local control plane of {@code e2e/control-plane}, or any
 * other): its own Deployment, ReplicaSet and garbage-collection controllers, with simulated nodes
 * ({@link SimulatedNodes}) for the kubelets. Every namespace of a run carries the run's id and is
 * deleted, pods included, when the run closes.
 */
final class KubeconfigBenchCluster implements BenchCluster {
  private static final Duration CLEAN_UP = Duration.ofMinutes(3);

  private final KubernetesClient client;
  private final SimulatedNodes nodes;
  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  private final Set<String> namespaces = new LinkedHashSet<>();

  KubeconfigBenchCluster(Path kubeconfig, SimulatedRegistry registry, SimulationSettings settings) {
    String contents;
    try {
      contents = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
    }
    Config config = Config.fromKubeconfig(null, contents, kubeconfig.toString());
    // The harness creates a whole fleet at once: no client-side throttling of its own.
    config.setMaxConcurrentRequests(256);
    config.setMaxConcurrentRequestsPerHost(256);
    client = new KubernetesClientBuilder().withConfig(config).build();
    applyCrd(client);
    List<String> names =
        IntStream.range(0, settings.shards())
            .mapToObj(i -> "wsb-bench-" + runId + "-" + i)
            .toList();
    nodes =
        SimulatedNodes.start(
            client, registry, settings, names, SimulatedNodes.OnClose.DELETE_NODES);
  }

  private static void applyCrd(KubernetesClient client) {
    CustomResourceDefinition crd = BridgeCrd.load();
    client.resource(crd).fieldManager("websocket-bridge-bench").forceConflicts().serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            60,
            TimeUnit.SECONDS);
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public synchronized String namespace(String base) {
    String name = base + "-" + runId;
    if (namespaces.add(name)) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .addToLabels("bridge.netra.io/bench-run", runId)
                  .endMetadata()
                  .build())
          .create();
      // The controller manager adds the default ServiceAccount; pods are refused until then.
      client
          .serviceAccounts()
          .inNamespace(name)
          .withName("default")
          .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    }
    return name;
  }

  @Override
  public void onPodStatusWritten(PodStatusListener listener) {
    nodes.onPodStatusWritten(listener);
  }

  @Override
  public void awaitSteps(int steps) {
    long target = nodes.currentStep() + steps;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (nodes.currentStep() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulated nodes are not stepping");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public String describe() {
    return "real API server "
        + client.getMasterUrl()
        + " (Kubernetes "
        + version()
        + ") with simulated nodes";
  }

  private String version() {
    var info = client.getKubernetesVersion();
    return info == null ? "?" : info.getGitVersion();
  }

  /** Deletes the run's namespaces and waits until they are gone, while the nodes still run. */
  @Override
  public void close() {
    try {
      namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
      long deadline = System.nanoTime() + CLEAN_UP.toNanos();
      while (System.nanoTime() < deadline
          && namespaces.stream().anyMatch(ns -> client.namespaces().withName(ns).get() != null)) {
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      nodes.close();
      client.close();
    }
  }
}
