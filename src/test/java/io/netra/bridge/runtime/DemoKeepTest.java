package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --keep --kubeconfig-out FILE}: after the story the API, the simulated cluster and the
 * operator keep running, and the kubeconfig written to FILE reaches them.
 */
class DemoKeepTest {

  @Test
  void keepWritesAWorkingKubeconfigWhereAskedAndKeepsTheClusterRunning(@TempDir Path dir)
      throws Exception {
    Path kubeconfig = dir.resolve("demo.kubeconfig");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread demo =
        new Thread(
            () ->
                exitCode.set(
                    Main.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        "demo",
                        "--keep",
                        "--kubeconfig-out=" + kubeconfig)),
            "demo-keep");
    demo.setDaemon(true);
    demo.start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains("Stop with Ctrl-C."));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains("export KUBECONFIG=" + kubeconfig, "kubectl get wsb", "keep running");
      assertThat(kubeconfig).isRegularFile();

      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .build()) {
        List<WebSocketBridge> bridges =
            client.resources(WebSocketBridge.class).inAnyNamespace().list().getItems();
        assertThat(bridges).extracting(b -> b.getMetadata().getName()).contains("chat");
        assertThat(bridges)
            .filteredOn(b -> b.getMetadata().getName().equals("chat"))
            .extracting(b -> b.getStatus().phase)
            .containsExactly(Phase.Ready);
        // Still running: a second read a moment later answers too.
        Thread.sleep(500);
        assertThat(client.resources(WebSocketBridge.class).inAnyNamespace().list().getItems())
            .isNotEmpty();
      }
      assertThat(demo.isAlive()).as("--keep keeps the demo running").isTrue();
    } finally {
      demo.interrupt();
      demo.join(Duration.ofSeconds(30).toMillis());
    }
    assertThat(demo.isAlive()).isFalse();
  }
}
