package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/**
 * The CRD schema of one {@code spec.env} entry ({@code @SchemaFrom}); the Java field stays
 * Kubernetes' {@code EnvVar}. A real API server refuses a CRD whose CEL rules could cost too much:
 * the rules on env names are only admitted when the names have a maximum length.
 */
final class EnvVarSchema {
  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Name of the environment variable.")
  public String name;

  @Size(max = 32768)
  @JsonPropertyDescription("Value of the variable.")
  public String value;

  @JsonPropertyDescription("Where the value comes from (secretKeyRef, configMapKeyRef, ...).")
  public EnvVarSource valueFrom;

  private EnvVarSchema() {}
}
