package io.netra.bridge.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.reconciliation.SerializedItemStore;
import io.netra.bridge.reconciliation.WebSocketBridgeReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operator as one object: Java Operator SDK configured for the write path that works on every
 * API server (no server-side apply), with the bridge reconciler registered. Production, the demo
 * and the tests all start it this way.
 */
public final class BridgeOperator implements AutoCloseable {
  static final String CONTROLLER = "websocketbridge";

  /**
   * How to run the operator.
   *
   * @param namespaces the namespaces to watch; empty for all
   * @param leaderElection the lease to hold before reconciling; empty to reconcile at once
   * @param reconciliationTermination how long a stop waits for the reconciles in flight
   */
  public record Options(
      Set<String> namespaces,
      MeterRegistry registry,
      Clock clock,
      int reconcileThreads,
      Optional<LeaderElectionConfiguration> leaderElection,
      Duration reconciliationTermination) {

    public Options {
      namespaces = Set.copyOf(namespaces);
    }

    public static Options defaults(MeterRegistry registry) {
      return new Options(
          Set.of(), registry, Clock.systemUTC(), 4, Optional.empty(), Duration.ofSeconds(5));
    }

    public Options withNamespaces(Set<String> value) {
      return new Options(
          value, registry, clock, reconcileThreads, leaderElection, reconciliationTermination);
    }

    public Options withReconcileThreads(int value) {
      return new Options(
          namespaces, registry, clock, value, leaderElection, reconciliationTermination);
    }

    public Options withClock(Clock value) {
      return new Options(
          namespaces, registry, value, reconcileThreads, leaderElection, reconciliationTermination);
    }

    public Options withLeaderElection(LeaderElectionConfiguration value) {
      return new Options(
          namespaces,
          registry,
          clock,
          reconcileThreads,
          Optional.of(value),
          reconciliationTermination);
    }
  }

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
    return start(
        client,
        Options.defaults(registry)
            .withNamespaces(namespaces)
            .withReconcileThreads(reconcileThreads)
            .withClock(clock));
  }

  public static BridgeOperator start(KubernetesClient client, Options options) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .checkingCRDAndValidateLocalModel(false)
                  .withConcurrentReconciliationThreads(options.reconcileThreads())
                  .withReconciliationTerminationTimeout(options.reconciliationTermination())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(options.registry()));
              options.leaderElection().ifPresent(o::withLeaderElectionConfiguration);
            });
    WebSocketBridgeReconciler reconciler =
        new WebSocketBridgeReconciler(options.clock(), options.registry(), Duration.ofSeconds(2));
    operator.register(
        reconciler,
        c -> {
          c.withName(CONTROLLER);
          // Annotation changes (bridge.netra.io/retry) do not bump generation, so every change
          // counts.
          c.withGenerationAware(false);
          c.withItemStore(new SerializedItemStore<>(WebSocketBridge.class));
          c.withInformerListLimit(WebSocketBridgeReconciler.LIST_PAGE_SIZE);
          if (options.namespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(options.namespaces());
          }
        });
    operator.start();
    return new BridgeOperator(operator, reconciler);
  }

  public Operator operator() {
    return operator;
  }

  /** Started, and every informer has listed what it watches and is watching it. */
  public boolean informersSynced() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return false;
    }
    for (RegisteredController<?> controller : operator.getRegisteredControllers()) {
      var informers = controller.getControllerHealthInfo().informerEventSourceHealthIndicators();
      for (InformerWrappingEventSourceHealthIndicator<?> source : informers.values()) {
        for (InformerHealthIndicator informer : source.informerHealthIndicators().values()) {
          if (!informer.hasSynced() || !informer.isWatching()) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The bridges in the operator's cache (all watched namespaces), without an API call. */
  @SuppressWarnings("unchecked")
  public Stream<WebSocketBridge> cachedBridges() {
    return operator
        .getRegisteredController(CONTROLLER)
        .filter(Controller.class::isInstance)
        .map(c -> (Controller<WebSocketBridge>) c)
        .map(c -> c.getEventSourceManager().getControllerEventSource().list(b -> true))
        .orElseGet(Stream::empty);
  }

  @Override
  public void close() {
    operator.stop();
    reconciler.close();
  }
}
