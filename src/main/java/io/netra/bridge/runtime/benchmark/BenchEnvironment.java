package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * One cluster to measure on ({@link BenchCluster}: embedded or real), a client for the harness, and
 * the operator started on a client of its own whose requests are counted.
 */
final class BenchEnvironment implements AutoCloseable {
  static final int RECONCILE_THREADS = Integer.getInteger("bench.reconcileThreads", 4);

  final KubernetesClient client;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final BenchCluster cluster;
  private BridgeOperator operator;
  private KubernetesClient operatorClient;
  private RequestCounter requests;
  private SimpleMeterRegistry meters;

  BenchEnvironment(BenchTarget target, Duration step, int shards) {
    cluster =
        target.open(registry, SimulationSettings.defaults().withStep(step).withShards(shards));
    client = cluster.client();
  }

  /** The namespace called {@code base} in this run (created on first use). */
  String namespace(String base) {
    return cluster.namespace(base);
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
  }
}
