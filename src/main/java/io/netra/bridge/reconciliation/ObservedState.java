package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.ControllerRevisions;
import io.netra.bridge.rendering.DeploymentRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rollout.DeployedRevision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the informer caches hold for one bridge: its owned objects and its pods. */
record ObservedState(
    Deployment deployment,
    List<Pod> pods,
    List<ControllerRevision> revisions,
    List<ConfigMap> configMaps,
    Service service,
    PodDisruptionBudget podDisruptionBudget) {

  static ObservedState of(Context<WebSocketBridge> context) {
    String name = context.getPrimaryResource().getMetadata().getName();
    return new ObservedState(
        named(context, Deployment.class, BridgeNames.deployment(name)),
        List.copyOf(context.getSecondaryResources(Pod.class)),
        List.copyOf(context.getSecondaryResources(ControllerRevision.class)),
        List.copyOf(context.getSecondaryResources(ConfigMap.class)),
        named(context, Service.class, BridgeNames.service(name)),
        named(context, PodDisruptionBudget.class, BridgeNames.podDisruptionBudget(name)));
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(
      Context<WebSocketBridge> context, Class<T> type, String name) {
    return context
        .getSecondaryResourcesAsStream(type)
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  Optional<DeployedRevision> deployed() {
    if (deployment == null) {
      return Optional.empty();
    }
    String revision = DeploymentRenderer.servedRevision(deployment);
    String image =
        deployment.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> BridgeNames.CONTAINER.equals(c.getName()))
            .map(io.fabric8.kubernetes.api.model.Container::getImage)
            .findFirst()
            .orElse(null);
    String written = DeploymentRenderer.annotation(deployment, BridgeNames.ANNOTATION_IMAGE);
    return Optional.of(
        new DeployedRevision(
            revision == null ? "" : revision,
            written != null ? written : image,
            DeploymentRenderer.appliedAt(deployment),
            DeploymentRenderer.annotation(deployment, BridgeNames.ANNOTATION_RETRY)));
  }

  String deployedConfigMap() {
    if (deployment == null || deployment.getSpec().getTemplate().getSpec().getVolumes() == null) {
      return null;
    }
    return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getConfigMap() != null)
        .map(v -> v.getConfigMap().getName())
        .findFirst()
        .orElse(null);
  }

  List<Pod> podsOf(String revision) {
    return pods.stream()
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(
            p ->
                Objects.equals(
                    revision, p.getMetadata().getLabels().get(BridgeNames.LABEL_REVISION)))
        .toList();
  }

  Optional<RevisionTemplate> revision(String name) {
    return revisions.stream()
        .map(ControllerRevisions::read)
        .flatMap(Optional::stream)
        .filter(r -> r.name().equals(name))
        .findFirst();
  }

  long nextRevisionNumber() {
    return revisions.stream()
            .map(ControllerRevision::getRevision)
            .filter(Objects::nonNull)
            .mapToLong(Long::longValue)
            .max()
            .orElse(0)
        + 1;
  }
}
