package io.netra.bridge.testing;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.rendering.CanonicalJson;
import java.util.ArrayList;
import java.util.List;

/** Bridges for tests: a minimal one, a full one, and copies to change. */
public final class TestBridges {
  public static final String NAME = "chat";
  public static final String NAMESPACE = "apps";
  public static final String UID = "3f1c2a9e-0000-4000-8000-000000000001";
  public static final String IMAGE = "ghcr.io/netra/bridge:1.4.2";
  public static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  public static final String OTHER_DIGEST =
      "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  private TestBridges() {}

  /** Only what is required: a name and an image; every other field at its default. */
  public static WebSocketBridge minimal() {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(
        new ObjectMetaBuilder()
            .withName(NAME)
            .withNamespace(NAMESPACE)
            .withUid(UID)
            .withGeneration(1L)
            .build());
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = IMAGE;
    bridge.setSpec(spec);
    return bridge;
  }

  /** Every field set to a valid, non-default value. */
  public static WebSocketBridge full() {
    WebSocketBridge bridge = minimal();
    WebSocketBridgeSpec spec = bridge.getSpec();
    spec.image = "registry.example.com:5000/netra/bridge:1.4.2@" + DIGEST;
    spec.imagePullPolicy = "Always";
    spec.imagePullSecrets = new ArrayList<>(List.of("regcred", "mirror.example.com"));
    spec.replicas = 3;
    spec.containerPort = 9000;
    spec.bridge.websocket.path = "/socket/v1";
    spec.bridge.websocket.maxConnections = 5000;
    spec.bridge.websocket.pingIntervalSeconds = 20;
    spec.bridge.websocket.idleTimeoutSeconds = 600;
    spec.bridge.websocket.maxMessageBytes = 1_048_576;
    spec.bridge.logging.level = "DEBUG";
    spec.bridge.logging.format = "text";
    spec.bridge.settings.put("agent.endpoint", "http://agent:8080");
    spec.bridge.settings.put("feature_x", "on");
    spec.env =
        new ArrayList<>(
            List.of(
                new EnvVar("TZ", "UTC", null),
                new EnvVarBuilder()
                    .withName("API_TOKEN")
                    .withNewValueFrom()
                    .withNewSecretKeyRef("token", "bridge-secrets", false)
                    .endValueFrom()
                    .build()));
    spec.resources =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m"))
            .addToLimits("memory", new Quantity("256Mi"))
            .build();
    spec.pod.labels.put("team", "realtime");
    spec.pod.labels.put("netra.io/tier", "edge");
    spec.pod.annotations.put("prometheus.io/scrape", "true");
    spec.pod.nodeSelector.put("kubernetes.io/os", "linux");
    spec.pod.tolerations.add(
        new TolerationBuilder()
            .withKey("dedicated")
            .withOperator("Equal")
            .withValue("bridge")
            .withEffect("NoSchedule")
            .build());
    spec.pod.serviceAccountName = "chat-bridge";
    spec.health.readinessPath = "/ready";
    spec.health.livenessPath = "/live";
    spec.health.configuredPath = "/configured";
    spec.rollout.progressDeadlineSeconds = 300;
    spec.rollout.maxStartupRestarts = 2;
    spec.rollout.maxSurge = 2;
    spec.rollout.maxUnavailable = 1;
    spec.rollout.autoRollback = true;
    spec.rollout.drainSeconds = 45;
    spec.rollout.revisionHistoryLimit = 10;
    return bridge;
  }

  /** A deep copy, to change without touching the original. */
  public static WebSocketBridge copy(WebSocketBridge bridge) {
    return CanonicalJson.copy(bridge, WebSocketBridge.class);
  }
}
