package io.netra.bridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodCacheTrimmerTest {
  private static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("chat-abc")
        .withNamespace("ns")
        .withUid("u1")
        .addToLabels("bridge.netra.io/revision", "r1")
        .addToAnnotations("bridge.netra.io/config-hash", "h1")
        .withDeletionTimestamp("2026-01-01T00:00:00Z")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("bridge")
        .withImage("ghcr.io/netra/bridge:1")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("127.10.0.1")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addNewContainerStatus()
        .withName("bridge")
        .withImageID("ghcr.io/netra/bridge@sha256:abc")
        .withRestartCount(2)
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void keepsWhatHealthDecisionsReadAndDropsTheSpec() {
    Pod trimmed = PodCacheTrimmer.trimmed(pod());

    assertThat(trimmed.getSpec()).isNull();
    assertThat(trimmed.getMetadata().getLabels()).containsEntry("bridge.netra.io/revision", "r1");
    assertThat(trimmed.getMetadata().getAnnotations())
        .containsEntry("bridge.netra.io/config-hash", "h1");
    assertThat(trimmed.getMetadata().getUid()).isEqualTo("u1");
    assertThat(trimmed.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(trimmed.getStatus().getPodIP()).isEqualTo("127.10.0.1");
    assertThat(trimmed.getStatus().getConditions()).hasSize(1);
    assertThat(trimmed.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(2);
  }

  @Test
  void theStoreHoldsTrimmedPodsUnderTheirNamespacedKey() {
    PodCacheTrimmer store = new PodCacheTrimmer();
    Pod pod = pod();

    store.put(store.getKey(pod), pod);

    assertThat(store.get("ns/chat-abc").getSpec()).isNull();
    assertThat(pod.getSpec()).as("the informer's own object is left alone").isNotNull();
  }
}
