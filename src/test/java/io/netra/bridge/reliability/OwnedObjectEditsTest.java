package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 7, the parts {@code scenarios/ManualChangeTest} does not cover: a ConfigMap's
 * content or a Service's selector edited by hand, the events naming exactly what was reverted, and
 * a hand edit after a rollback (someone puts the failed image back with kubectl). Pass: restored
 * from the resource, and an event says what was reverted; a rollback stays a single rollback.
 */
class OwnedObjectEditsTest {
  static ReliabilityHarness harness;
  static final String GOOD = "ghcr.io/netra/bridge:40.0.0";
  static final String BAD = "ghcr.io/netra/bridge:40.1.0";
  static String goodDigest;

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    goodDigest = harness.publish(GOOD, ImageBehaviour.healthy());
    harness.publish(BAD, ImageBehaviour.crashesAtStartup(1, ReliabilityHarness.INCIDENT_MESSAGE));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String readyBridge() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", GOOD, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    return ns;
  }

  private static String configMapOf(String ns) {
    WebSocketBridgeStatus status = harness.get(ns, "chat").getStatus();
    return "chat-config-" + status.currentRevision.configHash.substring(0, 10);
  }

  private static List<String> reverted(String ns) {
    return harness.events(ns).stream()
        .filter(e -> e.getReason().equals("ManualChangeReverted"))
        .map(Event::getMessage)
        .toList();
  }

  @Test
  void aConfigMapEditedByHandIsRestoredAndTheEventNamesIt() {
    String ns = readyBridge();
    String name = configMapOf(ns);
    String rendered =
        harness
            .client
            .configMaps()
            .inNamespace(ns)
            .withName(name)
            .get()
            .getData()
            .get("bridge.yaml");

    harness.editByHand(
        harness.client.configMaps().inNamespace(ns).withName(name),
        c -> {
          c.setData(Map.of("bridge.yaml", "websocket:\n  path: /hacked\n"));
          return c;
        });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var c = harness.client.configMaps().inNamespace(ns).withName(name).get();
              return c != null && rendered.equals(c.getData().get("bridge.yaml"));
            });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> reverted(ns),
            l -> l.contains("ConfigMap " + name + " content was changed; restored"));
    assertThat(reverted(ns)).hasSize(1);
  }

  @Test
  void aServiceSelectorChangedByHandIsRevertedAndTheEventNamesIt() {
    String ns = readyBridge();
    Map<String, String> selector =
        harness.client.services().inNamespace(ns).withName("chat").get().getSpec().getSelector();

    harness.editByHand(
        harness.client.services().inNamespace(ns).withName("chat"),
        s -> {
          s.getSpec().setSelector(Map.of("app", "something-else"));
          return s;
        });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness
                    .client
                    .services()
                    .inNamespace(ns)
                    .withName("chat")
                    .get()
                    .getSpec()
                    .getSelector(),
            selector::equals);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> reverted(ns),
            l ->
                l.stream()
                    .anyMatch(
                        m ->
                            m.startsWith("Service chat was changed at") && m.endsWith("reverted")));
  }

  @Test
  void deletionEventsNameTheObjectThatWasRecreated() {
    String ns = readyBridge();
    String name = configMapOf(ns);

    harness.client.configMaps().inNamespace(ns).withName(name).delete();
    harness.client.services().inNamespace(ns).withName("chat").delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> reverted(ns),
            l ->
                l.contains("ConfigMap " + name + " was deleted; recreated")
                    && l.contains("Service chat was deleted; recreated"));
  }

  @Test
  void theFailedImagePutBackByHandAfterARollbackIsRevertedToTheStableDigest() {
    String ns = readyBridge();
    harness.edit(ns, "chat", b -> b.getSpec().image = BAD);
    harness.awaitRolledBack(ns, "chat");
    String pinned = "ghcr.io/netra/bridge@" + goodDigest;

    harness.editByHand(
        harness.client.apps().deployments().inNamespace(ns).withName("chat"),
        d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(BAD);
          return d;
        });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> reverted(ns), l -> l.stream().anyMatch(m -> m.contains("/image")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.deployedImage(ns, "chat"), pinned::equals);
    harness.cluster.awaitSteps(50);
    WebSocketBridgeStatus status = harness.get(ns, "chat").getStatus();
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(pinned);
    assertThat(status.phase).isEqualTo(Phase.RolledBack);
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(harness.eventCount(ns, "RolledBack")).isEqualTo(1);
  }
}
