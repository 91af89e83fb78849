package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

/**
 * The pod cache keeps only what health decisions read (labels, annotations, readiness, container
 * states, pod IP): a pod's spec is most of its size and the operator never reads it, so a fleet of
 * bridges costs a fraction of the heap. What is kept is held as JSON, like the other owned objects.
 */
final class PodCacheTrimmer extends SerializedItemStore<Pod> {

  PodCacheTrimmer() {
    super(Pod.class, PodCacheTrimmer::trimmed);
  }

  static Pod trimmed(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    Pod kept = new Pod();
    kept.setApiVersion(pod.getApiVersion());
    kept.setKind(pod.getKind());
    kept.setMetadata(
        new ObjectMetaBuilder()
            .withName(meta.getName())
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .withLabels(meta.getLabels())
            .withAnnotations(meta.getAnnotations())
            .withDeletionTimestamp(meta.getDeletionTimestamp())
            .withCreationTimestamp(meta.getCreationTimestamp())
            .build());
    PodStatus status = pod.getStatus();
    if (status != null) {
      kept.setStatus(
          new PodStatusBuilder()
              .withPhase(status.getPhase())
              .withPodIP(status.getPodIP())
              .withConditions(status.getConditions())
              .withContainerStatuses(status.getContainerStatuses())
              .build());
    }
    return kept;
  }
}
