package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.BridgeTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart installed on a real API server in both RBAC modes, and the operator running with
 * the chart's ServiceAccount token: every permission it lacks would be a real 403.
 */
class ChartE2E {
  static final String IMAGE = "ghcr.io/netra/netra-backend:2.0.0";
  private static E2ECluster cluster;
  private static BridgeTestClient bridges;

  @BeforeAll
  static void cluster() {
    cluster = E2ECluster.get();
    cluster.registry.publish(IMAGE, ImageBehaviour.healthy());
    bridges = new BridgeTestClient(cluster.admin, "unused-", Duration.ofSeconds(60)) {};
  }

  @Test
  void clusterModeReconcilesABridgeToReadyWithTheChartsPermissionsOnly() {
    ChartRelease release = cluster.clusterRelease();
    String ns = cluster.newNamespace("chart", Map.of());
    try (InProcessOperator operator =
        InProcessOperator.start(release.serviceAccountConfig(), Set.of())) {
      bridges.create(bridges.bridge(ns, "chat", IMAGE, s -> {}));
      bridges.awaitPhase(ns, "chat", Phase.Ready);
      await().atMost(Duration.ofSeconds(10)).until(() -> bridges.eventReasons(ns).size() > 0);

      assertThat(operator.requests.forbidden()).as("requests refused by RBAC").isEmpty();
      assertThat(operator.requests.writes()).isNotEmpty();
    }
  }

  @Test
  void namespacedModeServesItsNamespacesAndTouchesNothingElse() {
    String watched = cluster.newNamespace("mine", Map.of());
    String other = cluster.newNamespace("theirs", Map.of());
    ChartRelease release =
        ChartRelease.install(
            cluster,
            "wsb-ns-" + cluster.runId,
            Map.of("rbac.namespaced", "true", "watchNamespaces[0]", watched));
    try (InProcessOperator operator =
        InProcessOperator.start(release.serviceAccountConfig(), Set.of(watched))) {
      bridges.create(bridges.bridge(watched, "chat", IMAGE, s -> {}));
      bridges.create(bridges.bridge(other, "chat", IMAGE, s -> {}));

      bridges.awaitPhase(watched, "chat", Phase.Ready);
      WebSocketBridge untouched = bridges.get(other, "chat");
      // Fabric8 gives a custom resource an empty status object when the stored one has none.
      assertThat(untouched.getStatus().phase).as("phase of the bridge outside").isNull();
      assertThat(untouched.getStatus().conditions).isEmpty();
      assertThat(bridges.deployment(other, "chat")).isNull();
      assertThat(operator.requests.forbidden()).as("requests refused by RBAC").isEmpty();
      assertThat(operator.requests.all())
          .as("every request of the operator stays in its namespaces")
          .allSatisfy(
              r ->
                  assertThat(r.path())
                      .satisfiesAnyOf(
                          p -> assertThat(p).contains("/namespaces/" + watched + "/"),
                          p -> assertThat(p).contains("/namespaces/" + release.namespace + "/")));
    } finally {
      release.uninstall();
    }
  }
}
