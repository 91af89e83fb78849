package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * The Events the simulated kubelet records about a pod. A real kubelet repeats an event on every
 * retry and its recorder folds the repeats into one with a count; here each pod gets the event once
 * per reason and volume.
 */
final class KubeletEvents {

  private final KubernetesClient client;
  private final Timestamps timestamps;

  KubeletEvents(KubernetesClient client, Timestamps timestamps) {
    this.client = client;
    this.timestamps = timestamps;
  }

  /** {@code FailedMount}: the pod waits in ContainerCreating until the volume can be mounted. */
  void failedMount(Pod pod, String volume, String message) {
    String now = timestamps.now();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName() + ".failedmount." + volume)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endInvolvedObject()
            .withType("Warning")
            .withReason("FailedMount")
            .withMessage(message)
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().resource(event).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
