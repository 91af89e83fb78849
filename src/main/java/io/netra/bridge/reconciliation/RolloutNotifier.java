package io.netra.bridge.reconciliation;

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

  void failed(
      WebSocketBridge bridge,
      RolloutDecision decision,
      RevisionTemplate desired,
      RevisionTemplate target) {
    var failure = decision.newFailure();
    LOG.warn(
        "{} revision {}: failed ({}): {}", id, desired.name(), failure.reason, failure.message);
    events.warning(
        bridge,
        "RolloutFailed",
        "revision "
            + desired.name()
            + " ("
            + desired.image()
            + ") failed with "
            + failure.reason
            + ": "
            + failure.message);
    if (decision.rollsBack()) {
      LOG.warn("{} revision {}: rolling back to {}", id, desired.name(), target.image());
      events.warning(bridge, "RolledBack", decision.message());
    }
    metrics.revisionFailed(failure, decision.rollsBack());
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
