package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.CanonicalJson;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a WebSocketBridge, so {@code kubectl describe wsb} tells the story. */
class BridgeEvents {
  static final String COMPONENT = "websocket-bridge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(BridgeEvents.class);
  private static final int MAX_MESSAGE = 1024;
  private final KubernetesClient client;
  private final Clock clock;

  BridgeEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void normal(WebSocketBridge bridge, String reason, String message) {
    emit(bridge, "Normal", reason, message, null);
  }

  void warning(WebSocketBridge bridge, String reason, String message) {
    emit(bridge, "Warning", reason, message, null);
  }

  /**
   * A warning recorded at most once for {@code key}: its name derives from the key, so a repeat
   * (after an operator restart, say) is refused by the API server as already existing.
   */
  void warningOnce(WebSocketBridge bridge, String reason, String message, String key) {
    emit(bridge, "Warning", reason, message, key);
  }

  private void emit(
      WebSocketBridge bridge, String type, String reason, String message, String onceKey) {
    String now = clock.instant().toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(bridge, reason, onceKey))
            .withNamespace(bridge.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(bridge.getApiVersion())
            .withKind(bridge.getKind())
            .withName(bridge.getMetadata().getName())
            .withNamespace(bridge.getMetadata().getNamespace())
            .withUid(bridge.getMetadata().getUid())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(text)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(bridge.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      if (onceKey != null && e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return; // recorded before
      }
      warnLost(bridge, reason, e);
    } catch (RuntimeException e) {
      warnLost(bridge, reason, e);
    }
  }

  private static String name(WebSocketBridge bridge, String reason, String onceKey) {
    String suffix =
        onceKey == null
            ? UUID.randomUUID().toString().substring(0, 13)
            : CanonicalJson.sha256Hex(
                bridge.getMetadata().getUid() + "/" + reason + "/" + onceKey, 16);
    return bridge.getMetadata().getName() + "." + suffix;
  }

  /** An event is a courtesy: losing one must never fail or repeat a rollout step. */
  private static void warnLost(WebSocketBridge bridge, String reason, RuntimeException e) {
    LOG.warn(
        "{}/{}: could not record event {}: {}",
        bridge.getMetadata().getNamespace(),
        bridge.getMetadata().getName(),
        reason,
        e.getMessage());
  }
}
