package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** What a real API server does with a DELETE of a pod that runs on a node: it marks it. */
final class PodDeletionMark {

  private static final long DEFAULT_GRACE_SECONDS = 30;

  private PodDeletionMark() {}

  /**
   * The grace period the pod gets: the request's, else the pod's {@code
   * terminationGracePeriodSeconds}, else 30 s; null when the pod goes at once (grace 0, or a pod no
   * node runs).
   */
  static Long gracePeriod(String deleteOptionsJson, Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node == null || node.isEmpty()) {
      return null;
    }
    Long grace = null;
    if (deleteOptionsJson != null && !deleteOptionsJson.isBlank()) {
      grace =
          Serialization.unmarshal(deleteOptionsJson, DeleteOptions.class).getGracePeriodSeconds();
    }
    if (grace == null) {
      grace = pod.getSpec().getTerminationGracePeriodSeconds();
    }
    if (grace == null) {
      grace = DEFAULT_GRACE_SECONDS;
    }
    return grace <= 0 ? null : grace;
  }

  /** Sets deletionTimestamp (now plus the grace period) and deletionGracePeriodSeconds. */
  static void mark(Pod pod, long graceSeconds) {
    pod.getMetadata()
        .setDeletionTimestamp(
            ZonedDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(graceSeconds)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    pod.getMetadata().setDeletionGracePeriodSeconds(graceSeconds);
  }
}
