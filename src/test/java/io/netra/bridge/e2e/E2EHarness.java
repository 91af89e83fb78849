package io.netra.bridge.e2e;

import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.BridgeTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator of one end-to-end test class, started in the test's JVM with the chart's
 * ServiceAccount credentials (cluster mode), against the real API server and the simulated nodes.
 * Register it with {@code @RegisterExtension static final E2EHarness harness = new E2EHarness();};
 * each test creates its own namespace.
 */
final class E2EHarness extends BridgeTestClient implements AfterAllCallback {
  final E2ECluster cluster;
  private InProcessOperator operator;

  E2EHarness() {
    this(E2ECluster.get());
  }

  private E2EHarness(E2ECluster cluster) {
    super(cluster.admin, "unused-", Duration.ofSeconds(60));
    this.cluster = cluster;
    startOperator();
  }

  void startOperator() {
    operator = InProcessOperator.start(cluster.clusterRelease().serviceAccountConfig(), Set.of());
  }

  void stopOperator() {
    operator.close();
  }

  InProcessOperator operator() {
    return operator;
  }

  @Override
  public String newNamespace() {
    return cluster.newNamespace("t", Map.of());
  }

  String newNamespace(Map<String, String> labels) {
    return cluster.newNamespace("t", labels);
  }

  String publish(String image, ImageBehaviour behaviour) {
    return cluster.registry.publish(image, behaviour);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    operator.close();
  }
}
