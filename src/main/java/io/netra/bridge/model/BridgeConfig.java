package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bridge's own configuration; the operator renders it into the bridge's config file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BridgeConfig {

  @JsonPropertyDescription("WebSocket manager settings.")
  public WebSocketSettings websocket = new WebSocketSettings();

  @JsonPropertyDescription("Logging settings of the bridge process.")
  public LoggingSettings logging = new LoggingSettings();

  @Size(max = 256)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9._-]{1,253}$'))",
      message = "setting keys must be 1 to 253 letters, digits, '.', '_' and '-'")
  @JsonPropertyDescription(
      "Free-form settings passed to the bridge as they are (string keys and values).")
  public Map<String, String> settings = new LinkedHashMap<>();

  void normalize() {
    if (websocket == null) websocket = new WebSocketSettings();
    websocket.normalize();
    if (logging == null) logging = new LoggingSettings();
    logging.normalize();
    if (settings == null) settings = new LinkedHashMap<>();
  }
}
