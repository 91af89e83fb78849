package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.BridgeConfig;
import io.netra.bridge.testing.TestBridges;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class ConfigFileRendererTest {

  @Test
  void rendersDefaultsAsYaml() {
    BridgeConfig config = TestBridges.minimal().getSpec().normalized().bridge;

    assertThat(ConfigFileRenderer.render(config).fileContent())
        .isEqualTo(
            "logging:\n"
                + "  format: json\n"
                + "  level: INFO\n"
                + "settings: {}\n"
                + "websocket:\n"
                + "  path: /ws\n");
  }

  @Test
  void rendersEverySetting() {
    BridgeConfig config = TestBridges.full().getSpec().normalized().bridge;

    assertThat(ConfigFileRenderer.render(config).fileContent())
        .isEqualTo(
            "logging:\n"
                + "  format: text\n"
                + "  level: DEBUG\n"
                + "settings:\n"
                + "  agent.endpoint: http://agent:8080\n"
                + "  feature_x: \"on\"\n"
                + "websocket:\n"
                + "  idleTimeoutSeconds: 600\n"
                + "  maxConnections: 5000\n"
                + "  maxMessageBytes: 1048576\n"
                + "  path: /socket/v1\n"
                + "  pingIntervalSeconds: 20\n");
  }

  @Test
  void isDeterministicWhateverTheMapOrder() {
    BridgeConfig a = TestBridges.minimal().getSpec().normalized().bridge;
    BridgeConfig b = TestBridges.minimal().getSpec().normalized().bridge;
    Map<String, String> forward = new LinkedHashMap<>();
    Map<String, String> backward = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      forward.put("k" + i, "v" + i);
      backward.put("k" + (19 - i), "v" + (19 - i));
    }
    a.settings = forward;
    b.settings = backward;

    RenderedConfig first = ConfigFileRenderer.render(a);

    assertThat(ConfigFileRenderer.render(b)).isEqualTo(first);
    assertThat(ConfigFileRenderer.render(a)).isEqualTo(first);
  }

  @Test
  void hashIsTheFirst16HexDigitsOfTheSha256OfTheFile() throws Exception {
    RenderedConfig config = ConfigFileRenderer.render(TestBridges.full().getSpec().bridge);
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(config.fileContent().getBytes(StandardCharsets.UTF_8)));

    assertThat(config.hash()).hasSize(16).isEqualTo(sha256.substring(0, 16));
  }

  @Test
  void anyChangeChangesTheHash() {
    BridgeConfig config = TestBridges.minimal().getSpec().normalized().bridge;
    String before = ConfigFileRenderer.render(config).hash();

    config.logging.level = "WARN";

    assertThat(ConfigFileRenderer.render(config).hash()).isNotEqualTo(before);
  }

  /** Settings are strings: a YAML 1.1 reader (PyYAML, SnakeYAML) must read back each as it is. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "123",
        "1.10",
        "-5",
        "+1",
        "0x1F",
        "0o17",
        "1e3",
        ".5",
        "1_000",
        "0755",
        "0b101",
        ".inf",
        "-.Inf",
        ".NaN",
        "~",
        "null",
        "Null",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "true",
        "2024-01-01",
        "12:30",
        "1:20:30",
        "<<",
        "=",
        "",
        " x",
        "x ",
        "#c",
        "a: b",
        "- a",
        "*ref",
        "&a",
        "!tag",
        "%x",
        "@x",
        "[1]",
        "{a}",
        "a #b",
        "line\nbreak",
        "ü",
        "plain",
        "http://agent:8080/x"
      })
  void everySettingReadsBackAsTheSameString(String value) {
    BridgeConfig config = TestBridges.minimal().getSpec().normalized().bridge;
    config.settings.put("value", value);
    config.settings.put(value.isEmpty() ? "empty" : value, "as key");

    Map<?, ?> file = new Yaml().load(ConfigFileRenderer.render(config).fileContent());
    Map<?, ?> settings = (Map<?, ?>) file.get("settings");

    assertThat(settings.get("value")).isEqualTo(value);
    assertThat(settings.get(value.isEmpty() ? "empty" : value)).isEqualTo("as key");
  }

  @Test
  void leavesPlainStringsAndNumbersUnquoted() {
    BridgeConfig config = TestBridges.full().getSpec().normalized().bridge;

    String file = ConfigFileRenderer.render(config).fileContent();

    assertThat(file).contains("path: /socket/v1", "maxConnections: 5000", "level: DEBUG");
  }
}
