package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** How a new revision is rolled out, verified and, when it fails, rolled back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.maxSurge) || !has(self.maxUnavailable) || self.maxSurge > 0 || self.maxUnavailable > 0",
    message = "maxSurge and maxUnavailable must not both be 0")
public class RolloutSettings {

  @Default("120")
  @Min(1)
  @Max(86400)
  @JsonPropertyDescription(
      "Seconds a new revision has, after it is written to the Deployment, to become Ready and configured.")
  public Integer progressDeadlineSeconds = 120;

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "Restarts a never-Ready container may have while crash-looping before the revision fails.")
  public Integer maxStartupRestarts = 1;

  @Default("1")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Pods created above the desired count during a rollout.")
  public Integer maxSurge = 1;

  @Default("0")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Pods that may be unavailable during a rollout.")
  public Integer maxUnavailable = 0;

  @Default("true")
  @JsonPropertyDescription(
      "Restore the last known-good revision, pinned by digest, when a new revision fails.")
  public Boolean autoRollback = true;

  @Default("30")
  @Min(0)
  @Max(3600)
  @JsonPropertyDescription("Seconds open WebSocket connections get to close before a pod stops.")
  public Integer drainSeconds = 30;

  @Default("5")
  @Min(1)
  @Max(50)
  @JsonPropertyDescription(
      "Revisions (ControllerRevisions, ConfigMaps) and failed revisions kept in history.")
  public Integer revisionHistoryLimit = 5;

  void normalize() {
    if (progressDeadlineSeconds == null) progressDeadlineSeconds = 120;
    if (maxStartupRestarts == null) maxStartupRestarts = 1;
    if (maxSurge == null) maxSurge = 1;
    if (maxUnavailable == null) maxUnavailable = 0;
    if (autoRollback == null) autoRollback = true;
    if (drainSeconds == null) drainSeconds = 30;
    if (revisionHistoryLimit == null) revisionHistoryLimit = 5;
  }
}
