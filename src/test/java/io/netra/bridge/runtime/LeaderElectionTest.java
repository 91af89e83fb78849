package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.simulation.EmbeddedApiServer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two replicas, one lease: one leads, the other stands by and takes over at once on shutdown. */
class LeaderElectionTest {

  static RunSettings settings(String identity) {
    // A long lease: a takeover well before it expires proves the leader released it.
    RunSettings.Lease lease =
        new RunSettings.Lease(
            "websocket-bridge-operator",
            "ops",
            identity,
            Duration.ofSeconds(20),
            Duration.ofSeconds(15),
            Duration.ofMillis(200));
    return new RunSettings(Set.of(), Optional.of(0), Optional.of(lease), 1);
  }

  @Test
  void oneLeadsTheOtherStandsByAndTakesOverWhenTheLeaderShutsDown() {
    AtomicBoolean lost = new AtomicBoolean();
    try (EmbeddedApiServer api = EmbeddedApiServer.start();
        KubernetesClient client = api.client()) {
      api.applyCrd(BridgeCrd.load());
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName("ops").endMetadata().build())
          .create();
      OperatorProcess first =
          OperatorProcess.start(api.client(), settings("first"), () -> lost.set(true));
      await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
      OperatorProcess second =
          OperatorProcess.start(api.client(), settings("second"), () -> lost.set(true));
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> second.readiness().ready() && first.readiness().ready());
        assertThat(first.readiness().role()).isEqualTo("leader");
        assertThat(second.readiness().role()).isEqualTo("standby");
        assertThat(holder(client)).isEqualTo("first");

        long stoppedAt = System.nanoTime();
        first.close();
        await().atMost(Duration.ofSeconds(8)).until(second::isLeader);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
            .as("the standby does not wait for the 20s lease to expire")
            .isLessThan(Duration.ofSeconds(8));
        assertThat(holder(client)).isEqualTo("second");
        assertThat(second.readiness().role()).isEqualTo("leader");
        assertThat(lost).as("a shutdown is not a lost lease").isFalse();
      } finally {
        second.close();
        first.close();
      }
    }
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("ops").withName("websocket-bridge-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
