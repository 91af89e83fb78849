package io.netra.bridge.rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.netra.bridge.model.BridgeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Renders {@code spec.bridge} into the bridge's YAML config file, byte for byte deterministic. */
public final class ConfigFileRenderer {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .stringQuotingChecker(new QuoteWhatYamlWouldNotReadAsString())
                  .build())
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ConfigFileRenderer() {}

  public static RenderedConfig render(BridgeConfig bridge) {
    Map<String, Object> websocket = new LinkedHashMap<>();
    websocket.put("path", bridge.websocket.path);
    putIfSet(websocket, "maxConnections", bridge.websocket.maxConnections);
    putIfSet(websocket, "pingIntervalSeconds", bridge.websocket.pingIntervalSeconds);
    putIfSet(websocket, "idleTimeoutSeconds", bridge.websocket.idleTimeoutSeconds);
    putIfSet(websocket, "maxMessageBytes", bridge.websocket.maxMessageBytes);

    Map<String, Object> file = new LinkedHashMap<>();
    file.put("websocket", websocket);
    file.put("logging", Map.of("level", bridge.logging.level, "format", bridge.logging.format));
    file.put("settings", new TreeMap<>(bridge.settings));
    try {
      return RenderedConfig.of(YAML.writeValueAsString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bridge configuration cannot be rendered", e);
    }
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /**
   * Quotes every string a YAML 1.1 reader (PyYAML, SnakeYAML) would not read back as a string, so
   * that settings pass "as they are": without it {@code "1.10"} reads as 1.1, {@code "0x1F"} as 31
   * and {@code "2024-01-01"} as a date.
   */
  private static final class QuoteWhatYamlWouldNotReadAsString
      extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Resolver RESOLVER = new Resolver();

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || notReadAsString(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || notReadAsString(value);
    }

    private static boolean notReadAsString(String text) {
      return !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, text, true));
    }
  }
}
