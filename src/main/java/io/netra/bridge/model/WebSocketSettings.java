package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** WebSocket manager settings of the bridge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebSocketSettings {

  @Default("/ws")
  @Size(max = 256)
  @Pattern(HealthSettings.PATH_PATTERN)
  @JsonPropertyDescription("HTTP path on which the bridge accepts WebSocket connections.")
  public String path = "/ws";

  @Min(1)
  @Max(10_000_000)
  @JsonPropertyDescription("Maximum number of concurrent WebSocket connections per pod.")
  public Integer maxConnections;

  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Seconds between WebSocket pings sent to clients.")
  public Integer pingIntervalSeconds;

  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Seconds after which an idle WebSocket connection is closed.")
  public Integer idleTimeoutSeconds;

  @Min(1)
  @Max(67_108_864)
  @JsonPropertyDescription("Largest WebSocket message accepted, in bytes.")
  public Integer maxMessageBytes;

  void normalize() {
    if (path == null) path = "/ws";
  }
}
