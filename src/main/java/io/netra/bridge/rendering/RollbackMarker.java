package io.netra.bridge.rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.netra.bridge.model.FailedRevision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The failure a rollback Deployment write carries in its {@code bridge.netra.io/rolled-back-from}
 * annotation: the rollback and the reason for it land in one atomic write, so the status write that
 * records the failure can follow instead of preceding it, and an operator that dies in between
 * finds the failure on the Deployment instead of retrying the failed revision.
 */
public final class RollbackMarker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 1024;

  private RollbackMarker() {}

  /** {@code deployment} carrying {@code failure} (its message cut to a bounded length). */
  public static Deployment marked(Deployment deployment, FailedRevision failure) {
    FailedRevision kept =
        new FailedRevision(
            failure.revision,
            failure.image,
            failure.configHash,
            failure.reason,
            failure.message == null || failure.message.length() <= MAX_MESSAGE
                ? failure.message
                : failure.message.substring(0, MAX_MESSAGE) + "...",
            failure.failedAt,
            failure.retry);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (deployment.getMetadata().getAnnotations() != null) {
      annotations.putAll(deployment.getMetadata().getAnnotations());
    }
    try {
      annotations.put(BridgeNames.ANNOTATION_ROLLED_BACK_FROM, JSON.writeValueAsString(kept));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a failed revision always serializes", e);
    }
    deployment.getMetadata().setAnnotations(annotations);
    return deployment;
  }

  /** The failure the Deployment was rolled back for, if it carries a readable one. */
  public static Optional<FailedRevision> read(Deployment deployment) {
    String value =
        deployment == null
            ? null
            : DeploymentRenderer.annotation(deployment, BridgeNames.ANNOTATION_ROLLED_BACK_FROM);
    if (value == null) {
      return Optional.empty();
    }
    try {
      FailedRevision failure = JSON.readValue(value, FailedRevision.class);
      return failure.revision == null || failure.reason == null
          ? Optional.empty()
          : Optional.of(failure);
    } catch (JsonProcessingException e) {
      // Edited by hand into something else: the status is the record then.
      return Optional.empty();
    }
  }
}
