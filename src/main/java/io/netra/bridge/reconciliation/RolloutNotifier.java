package io.netra.bridge.reconciliation;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rollout.RolloutDecision;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells people what a reconcile did: a log line, a Kubernetes Event and a metric each. */
class RolloutNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutNotifier.class);
  private final BridgeEvents events;
  private final BridgeMetrics metrics;
  private final String id;

  RolloutNotifier(BridgeEvents events, BridgeMetrics metrics, WebSocketBridge bridge) {
    this.events = events;
    this.metrics = metrics;
    this.id = bridge.getMetadata().getNamespace() + "/" + bridge.getMetadata().getName();
  }

  /**
   * Announces a failed revision and, when it was rolled back, the rollback. Both events are keyed
   * by the failure, so announcing again after an operator restart records nothing twice.
   */
  void failed(
      WebSocketBridge bridge,
      FailedRevision failure,
      boolean rolledBack,
      String rollbackMessage,
      String rolledBackTo) {
    String key = failure.revision + "/" + failure.failedAt;
    LOG.warn(
        "{} revision {}: failed ({}): {}", id, failure.revision, failure.reason, failure.message);
    events.warningOnce(
        bridge,
        "RolloutFailed",
        "revision "
            + failure.revision
            + " ("
            + failure.image
            + ") failed with "
            + failure.reason
            + ": "
            + failure.message,
        key);
    if (rolledBack) {
      LOG.warn("{} revision {}: rolled back to {}", id, failure.revision, rolledBackTo);
      events.warningOnce(bridge, "RolledBack", rollbackMessage, key);
    }
  }

  void counted(RolloutDecision decision) {
    metrics.revisionFailed(decision.newFailure(), decision.rollsBack());
  }

  void reverted(WebSocketBridge bridge, List<String> changes) {
    for (String change : changes) {
      LOG.warn("{}: {}", id, change);
      events.warning(bridge, "ManualChangeReverted", change);
      metrics.manualChangeReverted();
    }
  }

  void rolloutStarted(WebSocketBridge bridge, RevisionTemplate desired) {
    LOG.info("{} revision {}: rollout started ({})", id, desired.name(), desired.image());
    events.normal(
        bridge,
        "RolloutStarted",
        "rolling out revision " + desired.name() + " (" + desired.image() + ")");
    metrics.rolloutStarted();
  }

  void rolloutSucceeded(
      WebSocketBridge bridge, RevisionTemplate desired, RolloutDecision decision) {
    LOG.info(
        "{} revision {}: healthy, now stable as {}",
        id,
        desired.name(),
        decision.newStable().image);
    events.normal(
        bridge,
        "RolloutSucceeded",
        "revision "
            + desired.name()
            + " is Ready and configured; stable image "
            + decision.newStable().image);
    metrics.rolloutSucceeded();
  }

  void invalid(WebSocketBridge bridge, String message) {
    LOG.warn("{}: {}", id, message);
    events.warning(bridge, "InvalidSpec", message);
  }

  void paused(WebSocketBridge bridge) {
    LOG.info("{}: paused, changing nothing", id);
    events.normal(bridge, "Paused", "spec.paused is true: the operator changes nothing");
  }
}
