package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A revision that failed to start; written once when it fails and never refreshed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailedRevision {

  @JsonPropertyDescription("Revision name: a hash of the rendered pod template.")
  public String revision;

  @JsonPropertyDescription("Image as written in spec.")
  public String image;

  @JsonPropertyDescription("Hash of the rendered config file of the revision.")
  public String configHash;

  @JsonPropertyDescription(
      "CrashLoopBackOff, ImagePullFailure, ContainerConfigError, ProgressDeadlineExceeded,"
          + " NotConfigured or ConfigCheckUnreachable.")
  public String reason;

  @JsonPropertyDescription("What failed: pod, container exit code and termination message tail.")
  public String message;

  @JsonPropertyDescription("When the operator saw the revision fail (RFC 3339).")
  public String failedAt;

  @JsonPropertyDescription(
      "Value of the bridge.netra.io/retry annotation when it failed; a new value retries it.")
  public String retry;

  public FailedRevision() {}

  public FailedRevision(
      String revision,
      String image,
      String configHash,
      String reason,
      String message,
      String failedAt,
      String retry) {
    this.revision = revision;
    this.image = image;
    this.configHash = configHash;
    this.reason = reason;
    this.message = message;
    this.failedAt = failedAt;
    this.retry = retry;
  }
}
