package io.netra.bridge.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the demo runs in-process: the embedded API with the CRD installed, the simulated
 * cluster and the real operator, started the way production starts it.
 */
final class DemoEnvironment implements AutoCloseable {
  final EmbeddedApiServer api;
  final KubernetesClient client;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final KubernetesClient clusterClient;
  private final KubernetesClient operatorClient;
  private final SimulatedCluster cluster;
  private final BridgeOperator operator;

  DemoEnvironment(Duration step) {
    api = EmbeddedApiServer.start();
    api.applyCrd(BridgeCrd.load());
    client = api.client();
    clusterClient = api.client();
    cluster =
        SimulatedCluster.start(
            clusterClient, registry, SimulationSettings.defaults().withStep(step));
    operatorClient = api.client();
    operator =
        BridgeOperator.start(
            operatorClient, BridgeOperator.Options.defaults(meters).withReconcileThreads(2));
    FleetGauges.register(meters, operator::cachedBridges);
  }

  Path writeKubeconfig(Path file) {
    return api.writeKubeconfig(file, DemoStory.NAMESPACE);
  }

  @Override
  public void close() {
    operator.close();
    cluster.close();
    operatorClient.close();
    clusterClient.close();
    client.close();
    api.close();
  }
}
