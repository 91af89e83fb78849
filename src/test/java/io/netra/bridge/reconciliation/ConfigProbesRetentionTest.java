package io.netra.bridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the operator holds about a deleted bridge's pods goes away with the bridge. */
class ConfigProbesRetentionTest {
  private final ConfigProbes probes =
      new ConfigProbes(
          new ConfigEndpointClient(Executors.newSingleThreadExecutor(), Duration.ofMillis(200)),
          Executors.newSingleThreadScheduledExecutor(),
          Duration.ofSeconds(30));

  @AfterEach
  void close() {
    probes.close();
  }

  private static Pod readyPod(String uid) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("chat-" + uid)
        .withUid(uid)
        .endMetadata()
        .withNewStatus()
        .withPodIP("127.0.0.1")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void aDeletedBridgesProbeStateIsDropped() {
    ResourceID kept = new ResourceID("chat", "team-a");
    ResourceID deleted = new ResourceID("chat", "team-b");
    probes.observe(kept, List.of(readyPod("a")), 1, "/configured");
    probes.observe(deleted, List.of(readyPod("b")), 1, "/configured");
    assertThat(probes.bridges()).containsExactlyInAnyOrder(kept, deleted);

    probes.retainOnly(Set.of(kept));

    assertThat(probes.bridges()).containsExactly(kept);
  }

  @Test
  void aPodThatIsGoneIsForgotten() {
    ResourceID bridge = new ResourceID("chat", "team-a");
    probes.observe(bridge, List.of(readyPod("a"), readyPod("b")), 1, "/configured");

    assertThat(probes.observe(bridge, List.of(readyPod("a")), 1, "/configured"))
        .containsOnlyKeys("a");
  }
}
