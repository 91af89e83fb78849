package io.netra.bridge.health;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.netra.bridge.rendering.BridgeNames;
import java.util.List;

/** Null-safe reads of the parts of a pod's status that health decisions use. */
public final class PodStatuses {
  static final String BRIDGE_CONTAINER = BridgeNames.CONTAINER;
  static final String CONFIG_HASH_ANNOTATION = BridgeNames.ANNOTATION_CONFIG_HASH;

  private PodStatuses() {}

  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public static String configHash(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(CONFIG_HASH_ANNOTATION);
  }

  static List<ContainerStatus> containerStatuses(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return List.of();
    }
    return pod.getStatus().getContainerStatuses();
  }

  static String waitingReason(ContainerStatus container) {
    return container.getState() == null || container.getState().getWaiting() == null
        ? null
        : container.getState().getWaiting().getReason();
  }

  static String waitingMessage(ContainerStatus container) {
    return container.getState() == null || container.getState().getWaiting() == null
        ? null
        : container.getState().getWaiting().getMessage();
  }

  static ContainerStateTerminated lastTermination(ContainerStatus container) {
    if (container.getState() != null && container.getState().getTerminated() != null) {
      return container.getState().getTerminated();
    }
    return container.getLastState() == null ? null : container.getLastState().getTerminated();
  }
}
