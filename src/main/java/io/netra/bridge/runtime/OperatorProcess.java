package io.netra.bridge.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running operator with its probe and metrics endpoints and, when configured, its lease. {@link
 * #close()} is the graceful shutdown: not ready, stop taking work, let the reconciles in flight
 * finish (bounded), give the lease up, stop the endpoints.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorProcess.class);

  private final KubernetesClient client;
  private final RunSettings settings;
  private final PrometheusMeterRegistry registry;
  private final LeaderState leader;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private BridgeOperator operator;
  private OperatorHttpServer http;

  /** A process not started yet: {@link #startAll()} starts it. */
  OperatorProcess(KubernetesClient client, RunSettings settings, Runnable onLeaseLost) {
    this.client = client;
    this.settings = settings;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.leader =
        settings.lease().map(l -> new LeaderState(l.identity(), onLeaseLost)).orElse(null);
  }

  /**
   * Starts the endpoints first (so /healthz answers while the informers sync), then the operator.
   *
   * @param onLeaseLost what to do when the lease is lost while running: the process exits in
   *     production
   */
  public static OperatorProcess start(
      KubernetesClient client, RunSettings settings, Runnable onLeaseLost) {
    OperatorProcess process = new OperatorProcess(client, settings, onLeaseLost);
    try {
      process.startAll();
      return process;
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  void startAll() {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    if (settings.metricsPort().isPresent()) {
      try {
        http = OperatorHttpServer.start(settings.metricsPort().get(), this::readiness, registry);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on port " + settings.metricsPort().get() + ": " + e.getMessage(), e);
      }
      LOG.info("serving /healthz, /readyz and /metrics on port {}", http.port());
    }
    BridgeOperator.Options options =
        BridgeOperator.Options.defaults(registry)
            .withNamespaces(settings.namespaces())
            .withReconcileThreads(settings.reconcileThreads())
            .withClock(Clock.systemUTC());
    if (settings.lease().isPresent()) {
      RunSettings.Lease lease = settings.lease().get();
      options =
          options.withLeaderElection(
              LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(lease.name())
                  .withLeaseNamespace(lease.namespace())
                  .withIdentity(lease.identity())
                  .withLeaseDuration(lease.duration())
                  .withRenewDeadline(lease.renewDeadline())
                  .withRetryPeriod(lease.retryPeriod())
                  .withLeaderCallbacks(leader.callbacks())
                  .withExitOnStopLeading(false)
                  .build());
      LOG.info(
          "leader election on: lease {}/{} as {}",
          lease.namespace(),
          lease.name(),
          lease.identity());
    }
    if (closing.get()) {
      return;
    }
    operator = BridgeOperator.start(client, options);
    FleetGauges.register(registry, operator::cachedBridges);
    LOG.info(
        "watching {}",
        settings.namespaces().isEmpty() ? "all namespaces" : "namespaces " + settings.namespaces());
  }

  public Readiness readiness() {
    String role = leader == null ? "single" : leader.isLeader() ? "leader" : "standby";
    if (closing.get()) {
      return new Readiness(false, role, "shutting down");
    }
    if (operator == null || !operator.informersSynced()) {
      return new Readiness(false, role, "informers not synced");
    }
    return new Readiness(true, role, "");
  }

  /** The port of the endpoints, when they run. */
  public int httpPort() {
    if (http == null) {
      throw new IllegalStateException("the metrics port is off");
    }
    return http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public boolean isLeader() {
    return leader == null || leader.isLeader();
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down");
    if (leader != null) {
      leader.stopping();
    }
    if (operator != null) {
      try {
        operator.close();
      } catch (RuntimeException e) {
        LOG.warn("stopping the operator: {}", e.getMessage());
      }
    }
    settings
        .lease()
        .ifPresent(l -> LeaseRelease.release(client, l.namespace(), l.name(), l.identity()));
    if (http != null) {
      http.close();
    }
    gcMetrics.close();
    registry.close();
    LOG.info("stopped");
  }
}
