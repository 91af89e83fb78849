package io.netra.bridge.reconciliation;

import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.model.FailedRevision;

/** The operator's own metrics, with low-cardinality labels only (no bridge names or images). */
class BridgeMetrics {
  private final MeterRegistry registry;

  BridgeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void revisionFailed(FailedRevision failure, boolean rolledBack) {
    registry.counter("websocket_bridge_revision_failures", "reason", failure.reason).increment();
    if (rolledBack) {
      registry.counter("websocket_bridge_rollbacks", "reason", failure.reason).increment();
    }
  }

  void rolloutStarted() {
    registry.counter("websocket_bridge_rollouts_started").increment();
  }

  void rolloutSucceeded() {
    registry.counter("websocket_bridge_rollouts_succeeded").increment();
  }

  void manualChangeReverted() {
    registry.counter("websocket_bridge_manual_changes_reverted").increment();
  }
}
