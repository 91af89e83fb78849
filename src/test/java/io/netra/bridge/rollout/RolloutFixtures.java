package io.netra.bridge.rollout;

import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.model.FailureReason;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.RolloutSettings;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.testing.TestBridges;
import java.time.Instant;

/** Revisions, health verdicts and inputs for rollout tests, all at a fixed instant. */
final class RolloutFixtures {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private RolloutFixtures() {}

  static RevisionTemplate revision(String image) {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().image = image;
    bridge.getSpec().normalized();
    return RevisionRenderer.desired(bridge);
  }

  /** The stable revision 1.4.1, as persisted: pinned by digest. */
  static RevisionTemplate stableTemplate() {
    return revision("ghcr.io/netra/bridge:1.4.1").pinnedTo(TestBridges.OTHER_DIGEST);
  }

  static RevisionRef stableRef() {
    RevisionTemplate stable = stableTemplate();
    return new RevisionRef(
        stable.name(), stable.image(), TestBridges.OTHER_DIGEST, stable.configHash());
  }

  /** The new revision 1.4.2, as written in spec. */
  static RevisionTemplate desired() {
    return revision(TestBridges.IMAGE);
  }

  static WebSocketBridgeStatus statusWithStable() {
    WebSocketBridgeStatus status = new WebSocketBridgeStatus();
    status.stableRevision = stableRef();
    return status;
  }

  static RevisionHealth healthy(String digest) {
    return new RevisionHealth(
        RevisionHealth.State.HEALTHY, 2, 2, 2, null, null, "2/2 pods Ready and configured", digest);
  }

  static RevisionHealth progressing(FailureReason deadlineFailure, String message) {
    return new RevisionHealth(
        RevisionHealth.State.PROGRESSING, 2, 1, 0, null, deadlineFailure, message, null);
  }

  static RevisionHealth crashed() {
    return new RevisionHealth(
        RevisionHealth.State.FAILED,
        2,
        0,
        0,
        FailureReason.CrashLoopBackOff,
        FailureReason.CrashLoopBackOff,
        "pod chat-x: container bridge crashed at startup 2 times, exit code 1: AttributeError:"
            + " 'AgentWebSocketBridge' object has no attribute 'configure'",
        null);
  }

  static DeployedRevision deployed(RevisionTemplate revision, Instant appliedAt) {
    return new DeployedRevision(revision.name(), revision.image(), appliedAt);
  }

  static RolloutInput input(
      RevisionTemplate desired,
      String retry,
      RolloutSettings settings,
      WebSocketBridgeStatus previous,
      DeployedRevision deployed,
      RevisionTemplate stable,
      RevisionHealth health) {
    return new RolloutInput(desired, retry, settings, previous, deployed, stable, health, NOW);
  }
}
