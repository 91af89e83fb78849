package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.model.WebSocketBridge;
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
    emit(bridge, "Normal", reason, message);
  }

  void warning(WebSocketBridge bridge, String reason, String message) {
    emit(bridge, "Warning", reason, message);
  }

  private void emit(WebSocketBridge bridge, String type, String reason, String message) {
    String now = clock.instant().toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                bridge.getMetadata().getName()
                    + "."
                    + UUID.randomUUID().toString().substring(0, 13))
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
    } catch (RuntimeException e) {
      // An event is a courtesy: losing one must never fail or repeat a rollout step.
      LOG.warn(
          "{}/{}: could not record event {}: {}",
          bridge.getMetadata().getNamespace(),
          bridge.getMetadata().getName(),
          reason,
          e.getMessage());
    }
  }
}
