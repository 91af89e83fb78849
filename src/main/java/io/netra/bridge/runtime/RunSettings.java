package io.netra.bridge.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The validated settings of one operator process.
 *
 * @param namespaces watched namespaces; empty for all
 * @param metricsPort the port of /healthz, /readyz and /metrics; empty for none; 0 for any free one
 * @param lease the lease to hold before reconciling; empty to reconcile at once
 */
public record RunSettings(
    Set<String> namespaces,
    Optional<Integer> metricsPort,
    Optional<Lease> lease,
    int reconcileThreads) {

  public RunSettings {
    namespaces = Set.copyOf(namespaces);
  }

  /**
   * A coordination.k8s.io Lease and how this replica competes for it.
   *
   * @param duration how long a leader's claim lasts without renewal
   * @param renewDeadline how long the leader keeps trying to renew before it gives up
   * @param retryPeriod how often candidates try and leaders renew
   */
  public record Lease(
      String name,
      String namespace,
      String identity,
      Duration duration,
      Duration renewDeadline,
      Duration retryPeriod) {

    public static Lease of(String name, String namespace, String identity) {
      return new Lease(
          name,
          namespace,
          identity,
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2));
    }
  }
}
