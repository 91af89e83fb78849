package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.BridgeTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --namespaces} / {@code WATCH_NAMESPACES} (the set the operator is started with): a bridge
 * in a watched namespace is rolled out, a bridge outside is left exactly as it was written.
 */
class WatchNamespacesTest {
  private static final String IMAGE = "ghcr.io/netra/bridge:7.0.0";
  private static EmbeddedApiServer api;
  private static SimulatedCluster cluster;
  private static BridgeOperator operator;
  private static BridgeTestClient bridges;
  private static String watched;
  private static String outside;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start();
    api.applyCrd(BridgeCrd.load());
    SimulatedRegistry registry = new SimulatedRegistry();
    registry.publish(IMAGE, ImageBehaviour.healthy());
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    bridges = new BridgeTestClient(api.client(), "watch-", Duration.ofSeconds(20)) {};
    watched = bridges.newNamespace();
    outside = bridges.newNamespace();
    operator =
        BridgeOperator.start(
            api.client(), Set.of(watched), new SimpleMeterRegistry(), Clock.systemUTC(), 2);
  }

  @AfterAll
  static void stop() {
    operator.close();
    cluster.close();
    api.close();
  }

  @Test
  void aBridgeOutsideTheWatchedNamespacesIsUntouched() {
    WebSocketBridge before = bridges.create(bridges.bridge(outside, "chat", IMAGE, s -> {}));
    // Written after the one outside: once it is Ready, the operator has had its chance.
    bridges.create(bridges.bridge(watched, "chat", IMAGE, s -> {}));

    bridges.awaitPhase(watched, "chat", Phase.Ready);

    WebSocketBridge after = bridges.get(outside, "chat");
    assertThat(after.getStatus() == null ? null : after.getStatus().phase).isNull();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getFinalizers()).isNullOrEmpty();
    assertThat(bridges.deployment(outside, "chat")).isNull();
    assertThat(bridges.client.services().inNamespace(outside).list().getItems()).isEmpty();
    assertThat(bridges.client.configMaps().inNamespace(outside).list().getItems())
        .noneMatch(c -> c.getMetadata().getName().startsWith("chat"));
    assertThat(bridges.events(outside)).isEmpty();
    assertThat(bridges.deployment(watched, "chat")).isNotNull();
  }
}
