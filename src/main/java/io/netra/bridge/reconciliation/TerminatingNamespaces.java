package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.netra.bridge.model.WebSocketBridge;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bridges whose namespace is being deleted. The namespace controller deletes a namespace's objects
 * in no particular order, so a bridge can outlive its Deployment for a while; the API server then
 * refuses every create with 403 and the cause (reason) {@code NamespaceTerminating}. Such a bridge
 * is left alone until it is gone too: recreating what the namespace controller deletes would only
 * fight it. Remembered by UID, so a bridge of the same name in a namespace created again is served.
 */
final class TerminatingNamespaces {
  static final String CAUSE = "NamespaceTerminating";

  private final Map<ResourceID, String> bridges = new ConcurrentHashMap<>();

  /** Whether the API server refused a write because the namespace is being deleted. */
  static boolean refusedBecauseTerminating(KubernetesClientException e) {
    Status status = e.getStatus();
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
        && status != null
        && status.getDetails() != null
        && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream().anyMatch(c -> CAUSE.equals(c.getReason()));
  }

  void remember(WebSocketBridge bridge) {
    bridges.put(ResourceID.fromResource(bridge), uid(bridge));
  }

  boolean contains(WebSocketBridge bridge) {
    return Objects.equals(bridges.get(ResourceID.fromResource(bridge)), uid(bridge));
  }

  /** Forgets the bridges that no longer exist. */
  void retainOnly(Set<ResourceID> existing) {
    bridges.keySet().retainAll(existing);
  }

  private static String uid(WebSocketBridge bridge) {
    return Objects.requireNonNullElse(bridge.getMetadata().getUid(), "");
  }
}
