package io.netra.bridge.scenarios;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.BridgeTestClient;
import io.netra.bridge.testing.NoLoopCheck;
import io.netra.bridge.testing.WriteRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real operator against the Fabric8 Mock Server and the simulated cluster. One per test class
 * ({@code @RegisterExtension static final OperatorHarness harness = new OperatorHarness();}),
 * closed after the class; each test works in a namespace of its own.
 */
final class OperatorHarness extends BridgeTestClient implements AutoCloseable, AfterAllCallback {
  static final String INCIDENT_MESSAGE = BridgeTestClient.INCIDENT_MESSAGE;
  final EmbeddedApiServer api;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedCluster cluster;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Every write the operator sent, across its restarts. */
  final WriteRecorder operatorWrites = new WriteRecorder();

  final NoLoopCheck noLoop;
  private KubernetesClient operatorClient;
  private BridgeOperator operator;

  OperatorHarness() {
    this(EmbeddedApiServer.start());
  }

  private OperatorHarness(EmbeddedApiServer api) {
    super(api.client(), "test-", Duration.ofSeconds(20));
    this.api = api;
    api.applyCrd(BridgeCrd.load());
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    noLoop = new NoLoopCheck(this, cluster, operatorWrites);
    startOperator();
  }

  /** Starts an operator on a client of its own, so that its writes can be told from the rest. */
  void startOperator() {
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(client.getConfiguration())
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor("operator-writes", operatorWrites))
            .build();
    operatorClient.adapt(BaseClient.class).setMatchingGroupPredicate(group -> true);
    operator = BridgeOperator.start(operatorClient, Set.of(), meters, Clock.systemUTC(), 4);
  }

  /** Stops the operator abruptly-ish and starts a fresh one: nothing survives but the cluster. */
  void restartOperator() {
    stopOperator();
    startOperator();
  }

  void stopOperator() {
    operator.close();
    operatorClient.close();
  }

  String publish(String image, ImageBehaviour behaviour) {
    return registry.publish(image, behaviour);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    stopOperator();
    cluster.close();
    api.close();
  }
}
