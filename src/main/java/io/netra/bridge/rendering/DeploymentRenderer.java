package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.time.Instant;
import java.util.Map;

/**
 * The bridge's Deployment serving one revision. The revision and the moment it was written are
 * annotations on the Deployment itself, so the operator can resume a rollout after a restart.
 */
public final class DeploymentRenderer {
  private DeploymentRenderer() {}

  public static Deployment render(
      WebSocketBridge bridge, RevisionTemplate served, Instant appliedAt) {
    String name = bridge.getMetadata().getName();
    var spec = bridge.getSpec();
    var metadata = OwnedMetadata.of(bridge, BridgeNames.deployment(name), Map.of());
    Map<String, String> annotations = new java.util.LinkedHashMap<>();
    annotations.put(BridgeNames.ANNOTATION_REVISION, served.name());
    annotations.put(BridgeNames.ANNOTATION_IMAGE, served.image());
    annotations.put(BridgeNames.ANNOTATION_APPLIED_AT, appliedAt.toString());
    String retry =
        served.podTemplate().getMetadata().getAnnotations().get(BridgeNames.ANNOTATION_RETRY);
    if (retry != null) {
      annotations.put(BridgeNames.ANNOTATION_RETRY, retry);
    }
    metadata.setAnnotations(annotations);
    return new DeploymentBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withReplicas(spec.replicas)
        .withNewSelector()
        .withMatchLabels(BridgeNames.selectorLabels(name))
        .endSelector()
        .withTemplate(served.podTemplate())
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(spec.rollout.maxSurge))
        .withMaxUnavailable(new IntOrString(spec.rollout.maxUnavailable))
        .endRollingUpdate()
        .endStrategy()
        .withProgressDeadlineSeconds(spec.rollout.progressDeadlineSeconds)
        .withRevisionHistoryLimit(spec.rollout.revisionHistoryLimit)
        .endSpec()
        .build();
  }

  public static String servedRevision(Deployment deployment) {
    var annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(BridgeNames.ANNOTATION_REVISION);
  }

  public static String annotation(Deployment deployment, String key) {
    var annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  public static Instant appliedAt(Deployment deployment) {
    var annotations = deployment.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(BridgeNames.ANNOTATION_APPLIED_AT);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
