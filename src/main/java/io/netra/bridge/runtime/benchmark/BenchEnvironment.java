package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * One mock API server with the simulated cluster on it, a client for the harness, and the operator
 * started on a client of its own whose requests are counted.
 */
final class BenchEnvironment implements AutoCloseable {
  static final int RECONCILE_THREADS = Integer.getInteger("bench.reconcileThreads", 4);

  final EmbeddedApiServer api;
  final KubernetesClient client;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedCluster cluster;
  private BridgeOperator operator;
  private KubernetesClient operatorClient;
  private RequestCounter requests;
  private SimpleMeterRegistry meters;

  BenchEnvironment(Duration step, int shards) {
    api = EmbeddedApiServer.start();
    client = api.client();
    api.applyCrd(BridgeCrd.load());
    cluster =
        SimulatedCluster.start(
            api.client(),
            registry,
            SimulationSettings.defaults().withStep(step).withShards(shards));
  }

  void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** Starts a fresh operator (new client, counter and meters); returns when start() returned. */
  void startOperator() {
    requests = new RequestCounter();
    RequestCounter counter = requests;
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(client.getConfiguration())
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-counter", counter))
            .build();
    meters = new SimpleMeterRegistry();
    meters.config().meterFilter(percentileTimers());
    operator =
        BridgeOperator.start(
            operatorClient, Set.of(), meters, Clock.systemUTC(), RECONCILE_THREADS);
  }

  void stopOperator() {
    if (operator != null) {
      operator.close();
      operatorClient.close();
      operator = null;
      operatorClient = null;
    }
  }

  RequestCounter requests() {
    return requests;
  }

  SimpleMeterRegistry meters() {
    return meters;
  }

  /** Successful reconciles counted by Java Operator SDK's metrics since the operator started. */
  long reconciles() {
    return (long)
        meters.getMeters().stream()
            .filter(m -> m.getId().getName().equals("operator.sdk.reconciliations.success"))
            .mapToDouble(m -> m.measure().iterator().next().getValue())
            .sum();
  }

  private static MeterFilter percentileTimers() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentiles(0.5, 0.95, 0.99)
            .expiry(Duration.ofMinutes(30))
            .bufferLength(1)
            .build()
            .merge(config);
      }
    };
  }

  @Override
  public void close() {
    stopOperator();
    cluster.close();
    client.close();
    api.close();
  }
}
