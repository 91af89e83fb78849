package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.StepBound;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 8: many bridges at once, rollouts failing and succeeding concurrently. {@code
 * BRIDGES} bridges of one replica each in four namespaces reach Ready; then every other one gets a
 * crashing image and the rest a healthy new one, all at once. Pass: every bridge ends in the right
 * phase on the right image, and nothing of one bridge shows up on another (no cross-talk: each
 * failed entry, event and Deployment belongs to its own bridge).
 */
class ManyBridgesTest {
  /** 120 by default to keep the suite short; {@code -Dreliability.bridges=200} passes in ~65 s. */
  static final int BRIDGES = Integer.getInteger("reliability.bridges", 120);

  /**
   * A pod is Ready 4 steps after it is created at the soonest; with 120 bridges on one shard a step
   * takes long, and each phase took 5–8 steps on 2 cores. Ten times that is for a busy machine.
   */
  static final long STEPS_PER_PHASE = 60;

  static ReliabilityHarness harness;
  static final String V1 = "ghcr.io/netra/bridge:80.0.0";
  static final String V2 = "ghcr.io/netra/bridge:80.1.0";
  static final String BAD = "ghcr.io/netra/bridge:80.2.0";
  static String v1Digest;

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness(8);
    v1Digest = harness.publish(V1, ImageBehaviour.healthy());
    harness.publish(V2, ImageBehaviour.healthy());
    harness.publish(BAD, ImageBehaviour.crashesAtStartup(3, "bridge-%d: boom"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Map<String, WebSocketBridge> all(List<String> namespaces) {
    return namespaces.stream()
        .flatMap(
            ns ->
                harness
                    .client
                    .resources(WebSocketBridge.class)
                    .inNamespace(ns)
                    .list()
                    .getItems()
                    .stream())
        .collect(
            Collectors.toMap(
                b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName(),
                Function.identity()));
  }

  private static boolean failing(int i) {
    return i % 2 == 0;
  }

  @Test
  void hundredsOfBridgesRollOutAndBackConcurrentlyWithoutCrossTalk() {
    List<String> namespaces =
        List.of(
            harness.newNamespace(),
            harness.newNamespace(),
            harness.newNamespace(),
            harness.newNamespace());
    for (int i = 0; i < BRIDGES; i++) {
      harness.create(
          harness.bridge(
              namespaces.get(i % 4),
              "bridge-" + i,
              V1,
              s -> {
                s.replicas = 1;
                s.rollout.progressDeadlineSeconds = 30;
              }));
    }
    // How long this takes in seconds is the benchmark's to measure (BenchmarkRun, "created").
    long toReady =
        StepBound.awaitWithin(
            harness.cluster,
            STEPS_PER_PHASE,
            "every bridge Ready",
            () ->
                all(namespaces).values().stream()
                        .filter(b -> b.getStatus() != null && b.getStatus().phase == Phase.Ready)
                        .count()
                    == BRIDGES);

    for (int i = 0; i < BRIDGES; i++) {
      String image = failing(i) ? BAD : V2;
      harness.edit(namespaces.get(i % 4), "bridge-" + i, b -> b.getSpec().image = image);
    }
    long toSettled =
        StepBound.awaitWithin(
            harness.cluster,
            STEPS_PER_PHASE,
            "every bridge rolled out or back",
            () -> {
              Map<String, WebSocketBridge> bridges = all(namespaces);
              for (int i = 0; i < BRIDGES; i++) {
                WebSocketBridge b = bridges.get(namespaces.get(i % 4) + "/bridge-" + i);
                Phase expected = failing(i) ? Phase.RolledBack : Phase.Ready;
                String image = failing(i) ? "ghcr.io/netra/bridge@" + v1Digest : V2;
                if (b.getStatus() == null
                    || b.getStatus().phase != expected
                    || b.getStatus().currentRevision == null
                    || !image.equals(b.getStatus().currentRevision.image)) {
                  return false;
                }
              }
              return true;
            });
    System.out.printf(
        "many bridges: %d bridges Ready in %d steps, rolled out or back in %d steps%n",
        BRIDGES, toReady, toSettled);

    Map<String, WebSocketBridge> bridges = all(namespaces);
    for (int i = 0; i < BRIDGES; i++) {
      String ns = namespaces.get(i % 4);
      String name = "bridge-" + i;
      WebSocketBridge b = bridges.get(ns + "/" + name);
      assertThat(harness.deployedImage(ns, name))
          .as(name)
          .isEqualTo(failing(i) ? "ghcr.io/netra/bridge@" + v1Digest : V2);
      assertThat(harness.deployment(ns, name).getMetadata().getOwnerReferences().get(0).getUid())
          .as(name)
          .isEqualTo(b.getMetadata().getUid());
      if (failing(i)) {
        assertThat(b.getStatus().failedRevisions).as(name).hasSize(1);
        assertThat(b.getStatus().failedRevisions.get(0).image).as(name).isEqualTo(BAD);
        // The failure names a pod of this bridge, no other.
        assertThat(b.getStatus().failedRevisions.get(0).message)
            .as(name)
            .contains("pod " + name + "-");
      } else {
        assertThat(b.getStatus().failedRevisions).as(name).isEmpty();
      }
    }
    for (String ns : namespaces) {
      for (Event e : harness.events(ns)) {
        String owner = e.getInvolvedObject().getName();
        if (e.getReason().equals("RolledBack") || e.getReason().equals("RolloutFailed")) {
          int i = Integer.parseInt(owner.substring("bridge-".length()));
          assertThat(failing(i)).as(owner + " " + e.getReason()).isTrue();
        }
        if (e.getMessage().contains("pod bridge-")) {
          assertThat(e.getMessage()).as("event of " + owner).contains("pod " + owner + "-");
        }
      }
    }
    long rolledBack =
        namespaces.stream().mapToLong(ns -> harness.eventCount(ns, "RolledBack")).sum();
    assertThat(rolledBack).isEqualTo(BRIDGES / 2);
  }
}
