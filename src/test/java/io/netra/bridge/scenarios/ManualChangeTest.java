package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A person edits or deletes an owned object: the operator restores it and says so. */
class ManualChangeTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @BeforeAll
  static void publishImages() {
    harness.publish("ghcr.io/netra/bridge:14.0.0", ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:hotfix", ImageBehaviour.healthy());
  }

  private String readyBridge() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:14.0.0", s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    return ns;
  }

  @Test
  void aDeploymentImageChangedByHandIsReverted() {
    String ns = readyBridge();

    harness.editByHand(
        harness.client.apps().deployments().inNamespace(ns).withName("chat"),
        d -> {
          d.getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .setImage("ghcr.io/netra/bridge:hotfix");
          return d;
        });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.deployedImage(ns, "chat"), "ghcr.io/netra/bridge:14.0.0"::equals);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                harness.events(ns).stream()
                    .anyMatch(
                        e ->
                            e.getReason().equals("ManualChangeReverted")
                                && e.getMessage().contains("/image")));
  }

  @Test
  void aDeletedConfigMapAndServiceAreRecreated() {
    String ns = readyBridge();
    WebSocketBridgeStatus status = harness.get(ns, "chat").getStatus();
    String configMap = "chat-config-" + status.currentRevision.configHash.substring(0, 10);

    harness.client.configMaps().inNamespace(ns).withName(configMap).delete();
    harness.client.services().inNamespace(ns).withName("chat").delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.client.configMaps().inNamespace(ns).withName(configMap).get() != null
                    && harness.client.services().inNamespace(ns).withName("chat").get() != null);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                harness.events(ns).stream()
                        .filter(e -> e.getReason().equals("ManualChangeReverted"))
                        .count()
                    >= 2);
    assertThat(
            harness
                .client
                .configMaps()
                .inNamespace(ns)
                .withName(configMap)
                .get()
                .getData()
                .get("bridge.yaml"))
        .contains("websocket:");
  }

  @Test
  void aDeletedDeploymentIsRecreated() {
    String ns = readyBridge();

    harness.client.apps().deployments().inNamespace(ns).withName("chat").delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> harness.deployment(ns, "chat") != null);
    harness.awaitPhase(ns, "chat", Phase.Ready);
    assertThat(harness.eventReasons(ns)).contains("ManualChangeReverted");
  }
}
