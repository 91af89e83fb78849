package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineLayoutTest {
  @Test
  void oneJsonObjectPerLineWithTheResourceFromTheMdc() throws Exception {
    LoggerContext context = new LoggerContext();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("io.netra.Test"),
            Level.WARN,
            "{} revision {}: failed \"quoted\"\nsecond line",
            new IllegalStateException("boom"),
            new Object[] {"apps/chat", "abc123"});
    event.setMDCPropertyMap(Map.of("resource.namespace", "apps", "resource.name", "chat"));
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();

    String line = layout.doLayout(event);

    assertThat(line).endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("message").asText())
        .isEqualTo("apps/chat revision abc123: failed \"quoted\"\nsecond line");
    assertThat(json.get("namespace").asText()).isEqualTo("apps");
    assertThat(json.get("name").asText()).isEqualTo("chat");
    assertThat(json.get("error").asText()).contains("IllegalStateException: boom");
    assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}
