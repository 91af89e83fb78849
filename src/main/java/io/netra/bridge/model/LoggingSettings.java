package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Logging settings of the bridge process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoggingSettings {
  public static final String LEVEL_PATTERN = "^(TRACE|DEBUG|INFO|WARN|ERROR)$";
  public static final String FORMAT_PATTERN = "^(json|text)$";

  @Default("INFO")
  @SchemaFrom(type = SchemaEnums.LogLevel.class)
  @Pattern(LEVEL_PATTERN)
  @JsonPropertyDescription("Log level: TRACE, DEBUG, INFO, WARN or ERROR.")
  public String level = "INFO";

  @Default("json")
  @SchemaFrom(type = SchemaEnums.LogFormat.class)
  @Pattern(FORMAT_PATTERN)
  @JsonPropertyDescription("Log format: json or text.")
  public String format = "json";

  void normalize() {
    if (level == null) level = "INFO";
    if (format == null) format = "json";
  }
}
