package io.netra.bridge.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.reconciliation.WebSocketBridgeReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The operator as one object: Java Operator SDK configured for the write path that works on every
 * API server (no server-side apply), with the bridge reconciler registered. Production, the demo
 * and the tests all start it this way.
 */
public final class BridgeOperator implements AutoCloseable {
  private final Operator operator;
  private final WebSocketBridgeReconciler reconciler;

  private BridgeOperator(Operator operator, WebSocketBridgeReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
  }

  /**
   * @param namespaces the namespaces to watch; empty for all
   */
  public static BridgeOperator start(
      KubernetesClient client,
      Set<String> namespaces,
      MeterRegistry registry,
      Clock clock,
      int reconcileThreads) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withConcurrentReconciliationThreads(reconcileThreads)
                    .withReconciliationTerminationTimeout(Duration.ofSeconds(5))
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry)));
    WebSocketBridgeReconciler reconciler =
        new WebSocketBridgeReconciler(clock, registry, Duration.ofSeconds(2));
    operator.register(
        reconciler,
        c -> {
          c.withName("websocketbridge");
          // Annotation changes (bridge.netra.io/retry) do not bump generation, so every change
          // counts.
          c.withGenerationAware(false);
          if (namespaces.isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(namespaces);
          }
        });
    operator.start();
    return new BridgeOperator(operator, reconciler);
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.stop();
    reconciler.close();
  }
}
