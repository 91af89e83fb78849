package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.netra.bridge.model.FailedRevision;
import org.junit.jupiter.api.Test;

class RollbackMarkerTest {
  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("chat")
        .addToAnnotations(BridgeNames.ANNOTATION_REVISION, "stable1")
        .endMetadata()
        .build();
  }

  private static FailedRevision failure(String message) {
    return new FailedRevision(
        "bad1",
        "ghcr.io/netra/bridge:2",
        "h1",
        "CrashLoopBackOff",
        message,
        "2026-11-25T00:00:00Z",
        "t1");
  }

  @Test
  void theFailureComesBackFromTheDeploymentItWasWrittenOn() {
    Deployment marked = RollbackMarker.marked(deployment(), failure("exit code 1: boom"));

    FailedRevision read = RollbackMarker.read(marked).orElseThrow();

    assertThat(read.revision).isEqualTo("bad1");
    assertThat(read.image).isEqualTo("ghcr.io/netra/bridge:2");
    assertThat(read.reason).isEqualTo("CrashLoopBackOff");
    assertThat(read.message).isEqualTo("exit code 1: boom");
    assertThat(read.retry).isEqualTo("t1");
    assertThat(marked.getMetadata().getAnnotations())
        .containsEntry(BridgeNames.ANNOTATION_REVISION, "stable1");
  }

  @Test
  void aLongMessageIsCutSoTheAnnotationStaysSmall() {
    Deployment marked = RollbackMarker.marked(deployment(), failure("x".repeat(100_000)));

    assertThat(RollbackMarker.read(marked).orElseThrow().message).hasSize(1024 + 3);
  }

  @Test
  void noMarkerOrAnUnreadableOneIsNoFailure() {
    assertThat(RollbackMarker.read(deployment())).isEmpty();
    assertThat(RollbackMarker.read(null)).isEmpty();
    Deployment edited = deployment();
    edited.getMetadata().getAnnotations().put(BridgeNames.ANNOTATION_ROLLED_BACK_FROM, "{not json");
    assertThat(RollbackMarker.read(edited)).isEmpty();
    edited.getMetadata().getAnnotations().put(BridgeNames.ANNOTATION_ROLLED_BACK_FROM, "{}");
    assertThat(RollbackMarker.read(edited)).isEmpty();
  }
}
