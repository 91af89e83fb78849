package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.model.Phase;
import io.netra.bridge.runtime.OperatorProcess;
import io.netra.bridge.runtime.RunSettings;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 5: two operator instances with leader election, each on its own recording client
 * behind its own TCP proxy. Pass: only the leader writes (the standby's only writes are its Lease
 * create/update/patch attempts); when the leader <em>dies</em> (every connection cut and every
 * later request refused, the lease not released) the standby acquires the lease within the lease
 * duration plus one retry period and reconciles a new bridge to Ready. The takeover is bounded in
 * the standby's lease attempts, not in seconds, so that a loaded machine cannot fail it.
 */
class LeaderFailoverTest {
  static final Duration LEASE = Duration.ofSeconds(4);
  static final Duration RENEW = Duration.ofSeconds(3);
  static final Duration RETRY = Duration.ofMillis(500);

  /**
   * Fabric8's leader elector (like client-go) spaces its attempts by the retry period jittered by a
   * factor of 1.2: up to 2.2 retry periods apart.
   */
  static final Duration JITTERED_RETRY = Duration.ofMillis((long) (RETRY.toMillis() * 2.2));

  static final String IMAGE = "ghcr.io/netra/bridge:50.0.0";

  record Instance(
      String identity,
      TcpProxy proxy,
      FaultInjector faults,
      KubernetesClient client,
      OperatorProcess process) {
    void close() {
      process.close();
      client.close();
      faults.close();
      proxy.close();
    }
  }

  static Instance start(ReliabilityHarness harness, String leaseNamespace, String identity) {
    TcpProxy proxy = new TcpProxy(harness.apiPort());
    FaultInjector faults = new FaultInjector();
    KubernetesClient client = ReliabilityHarness.recordingClient(proxy.url(), faults);
    RunSettings settings =
        new RunSettings(
            Set.of(),
            Optional.empty(),
            Optional.of(
                new RunSettings.Lease(
                    "websocket-bridge-operator", leaseNamespace, identity, LEASE, RENEW, RETRY)),
            2);
    AtomicBoolean lost = new AtomicBoolean();
    OperatorProcess process = OperatorProcess.start(client, settings, () -> lost.set(true));
    return new Instance(identity, proxy, faults, client, process);
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOverWhenTheLeaderDies() {
    try (ReliabilityHarness harness = ReliabilityHarness.withoutOperator()) {
      harness.publish(IMAGE, ImageBehaviour.healthy());
      String leaseNs = harness.newNamespace();
      String ns = harness.newNamespace();

      Instance first = start(harness, leaseNs, "first");
      await().atMost(Duration.ofSeconds(15)).until(first.process()::isLeader);
      Instance second = start(harness, leaseNs, "second");
      try {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> second.process().readiness().ready() && first.process().readiness().ready());
        assertThat(second.process().isLeader()).isFalse();

        // While both run: bridges are reconciled, by the leader only.
        harness.create(harness.bridge(ns, "before", IMAGE, s -> {}));
        harness.awaitPhase(ns, "before", Phase.Ready);
        changeConfig(harness, ns, "DEBUG");
        awaitLeaseAttempts(second.faults(), 3);

        assertThat(first.faults().writes())
            .as("the leader writes the bridge's objects")
            .anyMatch(c -> c.is("POST", "deployments"));
        assertOnlyLeaseWrites(second.faults(), leaseNs);
        assertThat(second.faults().calls())
            .as("the standby tries the lease")
            .anyMatch(c -> c.is("GET", "leases"));
        assertThat(holder(harness)).isEqualTo("first");

        // The leader dies: every connection cut, every later request refused; no lease release.
        long renewedAt = lastLeaseWrite(first.faults());
        first.faults().crashAt(c -> true);
        first.proxy().partition();
        // The claim lasts the lease duration from the leader's last renewal; the standby tries
        // again at least once per (jittered) retry period.
        await()
            .atMost(LEASE.plus(Duration.ofSeconds(10)))
            .pollInterval(Duration.ofMillis(20))
            .until(second.process()::isLeader);
        long tookOverAt = System.nanoTime();
        assertThat(holder(harness)).isEqualTo("second");
        // Counted in the standby's attempts (one per jittered retry period), so that a loaded
        // machine, which only spaces attempts further apart, cannot fail it.
        long attempts =
            second.faults().calls().stream()
                .filter(c -> c.is("GET", "leases"))
                .filter(c -> c.atNanos() > renewedAt && c.atNanos() <= tookOverAt)
                .count();
        assertThat(attempts)
            .as("lease attempts between the last renewal and the takeover")
            .isLessThanOrEqualTo(
                (LEASE.toMillis() + JITTERED_RETRY.toMillis()) / RETRY.toMillis() + 2);

        // The new leader reconciles a new bridge and a change to an existing one.
        long standbyWritesBefore = second.faults().writes().size();
        harness.create(harness.bridge(ns, "after", IMAGE, s -> {}));
        harness.awaitPhase(ns, "after", Phase.Ready);
        changeConfig(harness, ns, "WARN");
        assertThat(
                second
                    .faults()
                    .writes()
                    .subList((int) standbyWritesBefore, second.faults().writes().size()))
            .anyMatch(c -> c.is("POST", "deployments"))
            .anyMatch(c -> c.resource().equals("websocketbridges/status"));
        long firstReconcileWrite =
            second.faults().writes().stream()
                .filter(c -> !c.resource().equals("leases"))
                .filter(c -> !c.is("POST", "selfsubjectrulesreviews"))
                .mapToLong(FaultInjector.Call::atNanos)
                .min()
                .orElseThrow();
        assertThat(Duration.ofNanos(firstReconcileWrite - renewedAt))
            .as("the new leader writes only after the old leader's lease expired")
            .isGreaterThanOrEqualTo(LEASE);
        assertThat(first.faults().crashed()).isTrue();
      } finally {
        second.close();
        first.close();
      }
    }
  }

  /**
   * The standby's only writes: creating and updating the lease, in its namespace. Java Operator SDK
   * also asks the API server which lease verbs it has (a SelfSubjectRulesReview, a POST that
   * changes nothing and that every authenticated user may make): not counted as a write.
   */
  static void assertOnlyLeaseWrites(FaultInjector faults, String leaseNamespace) {
    List<FaultInjector.Call> writes =
        faults.writes().stream().filter(c -> !c.is("POST", "selfsubjectrulesreviews")).toList();
    assertThat(writes)
        .as("the standby writes nothing but the lease")
        .allSatisfy(
            c -> {
              assertThat(c.resource()).isEqualTo("leases");
              assertThat(c.method()).isIn("POST", "PUT", "PATCH");
              assertThat(c.namespace()).isEqualTo(leaseNamespace);
            });
  }

  private static long lastLeaseWrite(FaultInjector faults) {
    return faults.writes().stream()
        .filter(c -> c.resource().equals("leases"))
        .mapToLong(FaultInjector.Call::atNanos)
        .max()
        .orElseThrow();
  }

  /** Changes the log level of bridge "before" and waits until it is Ready on the new config. */
  private static void changeConfig(ReliabilityHarness harness, String ns, String level) {
    String previous = harness.get(ns, "before").getStatus().stableRevision.configHash;
    harness.edit(ns, "before", b -> b.getSpec().bridge.logging.level = level);
    harness.awaitStatus(
        ns,
        "before",
        Duration.ofSeconds(20),
        s ->
            s.phase == Phase.Ready
                && s.stableRevision != null
                && !s.stableRevision.configHash.equals(previous));
  }

  private static String holder(ReliabilityHarness harness) {
    Lease lease =
        harness.client.leases().inAnyNamespace().list().getItems().stream()
            .findFirst()
            .orElse(null);
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Waits until the standby has tried the lease {@code more} more times. */
  private static void awaitLeaseAttempts(FaultInjector standby, int more) {
    long before = leaseAttempts(standby);
    await()
        .atMost(JITTERED_RETRY.multipliedBy(more + 5))
        .until(() -> leaseAttempts(standby) >= before + more);
  }

  private static long leaseAttempts(FaultInjector faults) {
    return faults.calls().stream().filter(c -> c.is("GET", "leases")).count();
  }
}
