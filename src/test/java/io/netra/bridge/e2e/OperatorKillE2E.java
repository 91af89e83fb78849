package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.BridgeTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator process killed with SIGKILL in the middle of a rollout, then started again. */
class OperatorKillE2E {
  static final String REPOSITORY = "ghcr.io/netra/netra-backend";

  @Test
  void aKilledOperatorFinishesTheRollbackAfterItsRestartAndAnnouncesItOnce() throws Exception {
    E2ECluster cluster = E2ECluster.get();
    String goodDigest = cluster.registry.publish(REPOSITORY + ":6.0.0", ImageBehaviour.healthy());
    cluster.registry.publish(
        REPOSITORY + ":6.1.0",
        ImageBehaviour.crashesAtStartup(1, BridgeTestClient.INCIDENT_MESSAGE));
    BridgeTestClient bridges =
        new BridgeTestClient(cluster.admin, "unused-", Duration.ofSeconds(60)) {};
    Path kubeconfig =
        cluster.clusterRelease().serviceAccountKubeconfig(Path.of("target", "e2e-logs"));
    String ns = cluster.newNamespace("kill", Map.of());

    OperatorProcessUnderTest first = OperatorProcessUnderTest.start("kill-first", kubeconfig);
    try {
      bridges.create(bridges.bridge(ns, "chat", REPOSITORY + ":6.0.0", s -> {}));
      bridges.awaitPhase(ns, "chat", Phase.Ready);
      bridges.edit(ns, "chat", b -> b.getSpec().image = REPOSITORY + ":6.1.0");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> (REPOSITORY + ":6.1.0").equals(bridges.deployedImage(ns, "chat")));
    } finally {
      first.kill();
    }
    assertThat(first.alive()).isFalse();

    try (OperatorProcessUnderTest second =
        OperatorProcessUnderTest.start("kill-second", kubeconfig)) {
      WebSocketBridgeStatus status = bridges.awaitRolledBack(ns, "chat");
      assertThat(bridges.deployedImage(ns, "chat")).isEqualTo(REPOSITORY + "@" + goodDigest);
      assertThat(status.failedRevisions).hasSize(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> bridges.eventCount(ns, "RolledBack") >= 1);
      Thread.sleep(5_000);
      assertThat(bridges.eventCount(ns, "RolledBack")).isEqualTo(1);
      assertThat(second.alive()).isTrue();
    }
  }
}
