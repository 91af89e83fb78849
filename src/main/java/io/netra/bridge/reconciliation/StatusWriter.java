package io.netra.bridge.reconciliation;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.CanonicalJson;

/**
 * Writes a bridge's status subresource only when it changed, guarded by resourceVersion, and caches
 * the result so the next reconcile starts from what was written.
 */
class StatusWriter {

  /** Returns the bridge as it stands after the write (or unchanged when nothing differed). */
  WebSocketBridge write(
      WebSocketBridge bridge, WebSocketBridgeStatus next, Context<WebSocketBridge> context) {
    if (CanonicalJson.tree(bridge.getStatus()).equals(CanonicalJson.tree(next))) {
      return bridge;
    }
    WebSocketBridge updated =
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
            bridge,
            context,
            b -> {
              b.setStatus(next);
              return b;
            });
    return updated == null ? bridge : updated;
  }
}
