package io.netra.bridge.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.runtime.BridgeOperator;
import java.util.Set;

/**
 * The operator started in the test's JVM with a client of its own (the chart's ServiceAccount
 * credentials), every request of which {@link ApiRequestLog} sees.
 */
final class InProcessOperator implements AutoCloseable {
  final ApiRequestLog requests = new ApiRequestLog();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final KubernetesClient client;
  private final BridgeOperator operator;

  private InProcessOperator(Config config, Set<String> namespaces) {
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("e2e-log", requests))
            .build();
    this.operator =
        BridgeOperator.start(
            client, BridgeOperator.Options.defaults(meters).withNamespaces(namespaces));
  }

  static InProcessOperator start(Config config, Set<String> namespaces) {
    return new InProcessOperator(config, namespaces);
  }

  @Override
  public void close() {
    operator.close();
    client.close();
  }
}
