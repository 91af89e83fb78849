package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.reliability.FaultInjector.Call;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 2: someone else writes first. Just before the operator's Deployment update or
 * status write leaves, the test writes the same object, so the API server answers a real 409 to the
 * operator's stale resourceVersion. Pass: the operator re-reads and converges, the other writer's
 * change is not lost, and there is no error spam (a bounded number of warnings).
 */
class ConflictTest {
  static ReliabilityHarness harness;
  static final String V1 = "ghcr.io/netra/bridge:21.0.0";
  static final String V2 = "ghcr.io/netra/bridge:21.1.0";

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(V1, ImageBehaviour.healthy());
    harness.publish(V2, ImageBehaviour.healthy());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String readyOnV1() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", V1, s -> {}));
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(30),
        s -> s.phase == Phase.Ready && s.stableRevision != null);
    return ns;
  }

  private static WebSocketBridgeStatus awaitReadyOnV2(String ns) {
    return harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(30),
        s ->
            s.phase == Phase.Ready
                && V2.equals(harness.deployedImage(ns, "chat"))
                && s.currentRevision != null
                && V2.equals(s.currentRevision.image)
                && s.stableRevision != null
                && s.readyReplicas == 2);
  }

  @Test
  void aConflictOnTheDeploymentUpdateIsReReadAndConverges() {
    String ns = readyOnV1();
    Predicate<Call> deploymentUpdate = c -> ns.equals(c.namespace()) && c.is("PUT", "deployments");
    try (LogCapture logs = new LogCapture()) {
      harness
          .faults()
          .before(
              deploymentUpdate,
              1,
              () ->
                  harness
                      .client
                      .apps()
                      .deployments()
                      .inNamespace(ns)
                      .withName("chat")
                      .edit(
                          d -> {
                            d.getMetadata().getAnnotations().put("example.com/owner", "team-a");
                            return d;
                          }));
      harness.edit(ns, "chat", b -> b.getSpec().image = V2);

      WebSocketBridgeStatus status = awaitReadyOnV2(ns);
      harness.cluster.awaitSteps(20);

      assertThat(harness.faults().answeredWith(409))
          .as("the API server refused the operator's stale update")
          .filteredOn(deploymentUpdate)
          .isNotEmpty();
      List<Call> updates = harness.faults().calls().stream().filter(deploymentUpdate).toList();
      // The rejected update and the one after re-reading; nothing more.
      assertThat(updates).hasSizeBetween(2, 3);
      assertThat(harness.deployment(ns, "chat").getMetadata().getAnnotations())
          .containsEntry("example.com/owner", "team-a");
      assertThat(status.failedRevisions).isEmpty();
      assertThat(harness.eventCount(ns, "RolloutStarted")).isEqualTo(2);
      assertThat(logs.atLeast(Level.ERROR)).isEmpty();
      assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void aConflictOnTheStatusWriteIsReReadAndConverges() {
    String ns = readyOnV1();
    Predicate<Call> statusWrite =
        c -> ns.equals(c.namespace()) && c.resource().equals("websocketbridges/status");
    try (LogCapture logs = new LogCapture()) {
      harness
          .faults()
          .before(
              statusWrite,
              1,
              () ->
                  harness
                      .client
                      .resources(io.netra.bridge.model.WebSocketBridge.class)
                      .inNamespace(ns)
                      .withName("chat")
                      .edit(
                          b -> {
                            if (b.getMetadata().getLabels() == null) {
                              b.getMetadata().setLabels(new HashMap<>());
                            }
                            b.getMetadata().getLabels().put("example.com/team", "realtime");
                            return b;
                          }))
          // The mock API server accepts a status write with a stale resourceVersion (it answers
          // 200), so the 409 a real API server sends here is injected.
          .failing(statusWrite, 1, 409);
      harness.edit(ns, "chat", b -> b.getSpec().image = V2);

      WebSocketBridgeStatus status = awaitReadyOnV2(ns);
      harness.cluster.awaitSteps(20);

      assertThat(harness.faults().injected()).as("the stale status write was refused").isEqualTo(1);
      assertThat(harness.faults().answeredWith(200))
          .as("a status write after the refused one")
          .anyMatch(statusWrite);
      assertThat(harness.get(ns, "chat").getMetadata().getLabels())
          .containsEntry("example.com/team", "realtime");
      assertThat(harness.get(ns, "chat").getSpec().image).isEqualTo(V2);
      assertThat(status.failedRevisions).isEmpty();
      assertThat(status.observedGeneration)
          .isEqualTo(harness.get(ns, "chat").getMetadata().getGeneration());
      assertThat(logs.atLeast(Level.ERROR)).isEmpty();
      assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
    }
  }
}
