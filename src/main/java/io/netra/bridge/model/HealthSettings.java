package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** HTTP paths the bridge serves for the kubelet's probes and the operator's configuration check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthSettings {
  public static final String PATH_PATTERN = "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$";

  @Default("/health/ready")
  @Size(max = 256)
  @Pattern(PATH_PATTERN)
  @JsonPropertyDescription("Readiness probe path.")
  public String readinessPath = "/health/ready";

  @Default("/health/live")
  @Size(max = 256)
  @Pattern(PATH_PATTERN)
  @JsonPropertyDescription("Liveness probe path.")
  public String livenessPath = "/health/live";

  @Default("/health/config")
  @Size(max = 256)
  @Pattern(PATH_PATTERN)
  @JsonPropertyDescription(
      "Path answering {\"configured\": true, \"configHash\": \"<hash>\"} once the bridge has applied"
          + " its configuration.")
  public String configuredPath = "/health/config";

  void normalize() {
    if (readinessPath == null) readinessPath = "/health/ready";
    if (livenessPath == null) livenessPath = "/health/live";
    if (configuredPath == null) configuredPath = "/health/config";
  }
}
