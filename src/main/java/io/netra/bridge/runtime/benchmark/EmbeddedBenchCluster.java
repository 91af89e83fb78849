package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.PodStatusListener;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.util.HashSet;
import java.util.Set;

/**
 * A fresh embedded API server (Fabric8 Mock Server) with the simulated cluster playing controllers
 * and kubelets.
 */
final class EmbeddedBenchCluster implements BenchCluster {
  private final EmbeddedApiServer api;
  private final SimulatedCluster cluster;
  private final Set<String> namespaces = new HashSet<>();

  EmbeddedBenchCluster(SimulatedRegistry registry, SimulationSettings settings) {
    api = EmbeddedApiServer.start();
    api.applyCrd(BridgeCrd.load());
    cluster = SimulatedCluster.start(api.client(), registry, settings);
  }

  @Override
  public KubernetesClient client() {
    return api.client();
  }

  @Override
  public synchronized String namespace(String base) {
    if (namespaces.add(base)) {
      client()
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(base).endMetadata().build())
          .create();
    }
    return base;
  }

  @Override
  public void onPodStatusWritten(PodStatusListener listener) {
    cluster.onPodStatusWritten(listener);
  }

  @Override
  public void awaitSteps(int steps) {
    cluster.awaitSteps(steps);
  }

  @Override
  public String describe() {
    return "embedded API server (Fabric8 Mock Server) and simulated cluster";
  }

  @Override
  public void close() {
    cluster.close();
    api.close();
  }
}
