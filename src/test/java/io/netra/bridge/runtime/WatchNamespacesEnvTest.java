package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.BridgeTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WATCH_NAMESPACES} as the chart and the plain manifests set it: the operator's own process
 * (the command line users run) against the embedded API server and the simulated cluster rolls out
 * the bridge in the watched namespace and leaves the one outside as it was written.
 */
class WatchNamespacesEnvTest {
  private static final String IMAGE = "ghcr.io/netra/bridge:11.0.0";

  @Test
  void theOperatorProcessWatchesOnlyTheNamespacesOfTheEnvironmentVariable(@TempDir Path dir)
      throws Exception {
    SimulatedRegistry registry = new SimulatedRegistry();
    registry.publish(IMAGE, ImageBehaviour.healthy());
    try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
      api.applyCrd(BridgeCrd.load());
      try (SimulatedCluster cluster =
          SimulatedCluster.start(
              api.client(),
              registry,
              SimulationSettings.defaults().withStep(Duration.ofMillis(20)))) {
        BridgeTestClient bridges =
            new BridgeTestClient(api.client(), "env-", Duration.ofSeconds(60)) {};
        String watched = bridges.newNamespace();
        String outside = bridges.newNamespace();
        WebSocketBridge before = bridges.create(bridges.bridge(outside, "chat", IMAGE, s -> {}));
        bridges.create(bridges.bridge(watched, "chat", IMAGE, s -> {}));

        Process operator =
            start(api.writeKubeconfig(dir.resolve("kubeconfig"), watched), watched, dir);
        try {
          bridges.awaitPhase(watched, "chat", Phase.Ready);
        } finally {
          operator.destroy();
          if (!operator.waitFor(10, TimeUnit.SECONDS)) {
            operator.destroyForcibly();
          }
        }

        WebSocketBridge after = bridges.get(outside, "chat");
        assertThat(after.getMetadata().getResourceVersion())
            .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(bridges.deployment(outside, "chat")).isNull();
        assertThat(Files.readString(dir.resolve("operator.log")))
            .contains("watching namespaces [" + watched + "]");
      }
    }
  }

  private static Process start(Path kubeconfig, String watched, Path dir) throws Exception {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--kubeconfig=" + kubeconfig,
                    "--metrics-port=0",
                    "--log-format=text"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("operator.log").toFile());
    builder.environment().put("WATCH_NAMESPACES", watched);
    return builder.start();
  }
}
