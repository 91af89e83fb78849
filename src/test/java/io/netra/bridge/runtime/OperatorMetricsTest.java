package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.BridgeTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rollout counters and the configured-replicas gauge of docs/observability.md, scraped from the
 * operator's {@code /metrics} while one bridge rolls out, is edited by hand and fails a revision.
 */
class OperatorMetricsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String GOOD = "ghcr.io/netra/bridge:10.0.0";
  private static final String CRASHING = "ghcr.io/netra/bridge:10.0.1";

  @Test
  void rolloutsManualChangesFailuresAndConfiguredReplicasAreCounted() throws Exception {
    SimulatedRegistry registry = new SimulatedRegistry();
    registry.publish(GOOD, ImageBehaviour.healthy());
    registry.publish(CRASHING, ImageBehaviour.crashesAtStartup(1, "boom"));
    try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
      api.applyCrd(BridgeCrd.load());
      try (SimulatedCluster cluster =
              SimulatedCluster.start(
                  api.client(),
                  registry,
                  SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
          OperatorProcess process =
              OperatorProcess.start(
                  api.client(),
                  new RunSettings(Set.of(), Optional.of(0), Optional.empty(), 2),
                  () -> {})) {
        BridgeTestClient bridges =
            new BridgeTestClient(api.client(), "metrics-", Duration.ofSeconds(20)) {};
        String ns = bridges.newNamespace();

        bridges.create(bridges.bridge(ns, "chat", GOOD, s -> s.replicas = 3));
        bridges.awaitPhase(ns, "chat", Phase.Ready);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> value(process, "websocket_bridge_replicas_configured") == 3);
        assertThat(value(process, "websocket_bridge_rollouts_started_total")).isEqualTo(1);
        assertThat(value(process, "websocket_bridge_rollouts_succeeded_total")).isEqualTo(1);
        assertThat(value(process, "websocket_bridge_manual_changes_reverted_total")).isZero();

        bridges.editByHand(
            api.client().apps().deployments().inNamespace(ns).withName("chat"),
            d -> {
              d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("hotfix");
              return d;
            });
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> value(process, "websocket_bridge_manual_changes_reverted_total") == 1);

        bridges.edit(ns, "chat", b -> b.getSpec().image = CRASHING);
        bridges.awaitRolledBack(ns, "chat");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    value(
                            process,
                            "websocket_bridge_revision_failures_total{reason=\"CrashLoopBackOff\"}")
                        == 1);
        assertThat(value(process, "websocket_bridge_rollouts_started_total")).isEqualTo(2);
        assertThat(value(process, "websocket_bridge_rollouts_succeeded_total")).isEqualTo(1);
      }
    }
  }

  /** The value of one series in the Prometheus text; 0 when it is not exported yet. */
  private static double value(OperatorProcess process, String series) throws Exception {
    String text =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + process.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    // Older Prometheus text writers end a label set with ",}".
    return text.lines()
        .map(line -> line.replace(",}", "}"))
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0.0);
  }
}
