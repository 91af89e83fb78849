package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rollout.PodCounts;
import io.netra.bridge.rollout.RolloutDecision;
import io.netra.bridge.rollout.StatusComposer;
import io.netra.bridge.rollout.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check on statuses composed by the operator's own {@link StatusComposer}, so
 * the script and the operator agree on condition types and reasons, not only the fixtures.
 */
class ArgoCdHealthOnOperatorStatusTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final RevisionRef DESIRED =
      new RevisionRef("7c9f", "registry.example.com/b:2", null, "2222");
  static final RevisionRef STABLE =
      new RevisionRef("5d2a", "registry.example.com/b@sha256:" + "ab".repeat(32), null, "1111");
  static final PodCounts COUNTS = new PodCounts(2, 2, 2, 2, 2);

  @BeforeAll
  static void luaIsInstalled() {
    ArgoCdHealthTest.luaIsInstalled();
  }

  static WebSocketBridgeStatus compose(Phase phase, String reason, FailedRevision failure) {
    Target target = failure != null && phase == Phase.RolledBack ? Target.STABLE : Target.DESIRED;
    RolloutDecision decision =
        new RolloutDecision(target, phase, reason, "message of " + reason, failure, null, null);
    return StatusComposer.compose(
        3, new WebSocketBridgeStatus(), decision, DESIRED, STABLE, COUNTS, 5, NOW);
  }

  static FailedRevision failure() {
    return new FailedRevision(
        "7c9f", DESIRED.image, "2222", "CrashLoopBackOff", "exit 1", "t", null);
  }

  static ArgoCdHealthTest.Result health(WebSocketBridgeStatus status, long generation)
      throws Exception {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(
        new ObjectMetaBuilder()
            .withName("chat")
            .withNamespace("chat")
            .withGeneration(generation)
            .build());
    bridge.setSpec(new WebSocketBridgeSpec());
    bridge.getSpec().image = "registry.example.com/b:2";
    bridge.getSpec().paused = status.phase == Phase.Paused;
    bridge.setStatus(status);
    JsonNode json = InstallFiles.JSON.readTree(Serialization.asJson(bridge));
    Path fixture = Files.createTempFile("status-", ".lua");
    try {
      Files.writeString(fixture, "return { obj = " + lua(json) + " }\n");
      return ArgoCdHealthTest.run(fixture);
    } finally {
      Files.delete(fixture);
    }
  }

  @Test
  void readyIsHealthy() throws Exception {
    assertThat(health(compose(Phase.Ready, "RevisionHealthy", null), 3).status())
        .isEqualTo("Healthy");
  }

  @Test
  void readyForAnOlderGenerationIsProgressing() throws Exception {
    assertThat(health(compose(Phase.Ready, "RevisionHealthy", null), 4).status())
        .isEqualTo("Progressing");
  }

  @Test
  void aRolloutIsProgressing() throws Exception {
    assertThat(health(compose(Phase.Progressing, "RolloutStarted", null), 3).status())
        .isEqualTo("Progressing");
  }

  @Test
  void aRollbackIsDegraded() throws Exception {
    ArgoCdHealthTest.Result result = health(compose(Phase.RolledBack, "RolledBack", failure()), 3);
    assertThat(result.status()).isEqualTo("Degraded");
    assertThat(result.message()).startsWith("RolledBack");
  }

  @Test
  void aFailedFirstRolloutIsDegraded() throws Exception {
    assertThat(health(compose(Phase.Failed, "RolloutFailed", failure()), 3).status())
        .isEqualTo("Degraded");
  }

  @Test
  void aServingRevisionThatLostReadinessIsDegraded() throws Exception {
    assertThat(health(compose(Phase.Degraded, "Degraded", null), 3).status()).isEqualTo("Degraded");
  }

  @Test
  void anInvalidSpecIsDegraded() throws Exception {
    WebSocketBridgeStatus status =
        StatusComposer.invalid(3, new WebSocketBridgeStatus(), "spec.replicas: bad", NOW);
    ArgoCdHealthTest.Result result = health(status, 3);
    assertThat(result.status()).isEqualTo("Degraded");
    assertThat(result.message()).contains("InvalidSpec");
  }

  @Test
  void pausedIsSuspended() throws Exception {
    WebSocketBridgeStatus status = StatusComposer.paused(3, new WebSocketBridgeStatus(), NOW);
    assertThat(health(status, 3).status()).isEqualTo("Suspended");
  }

  /** JSON as a Lua table constructor. */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          out.append('[').append(string(e.getKey())).append("] = ").append(lua(e.getValue()));
          out.append(", ");
        }
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("{");
      node.forEach(n -> out.append(lua(n)).append(", "));
      return out.append('}').toString();
    }
    if (node.isTextual()) {
      return string(node.asText());
    }
    return node.isNull() ? "nil" : node.toString();
  }

  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c < 0x20) {
                out.append(String.format("\\%03d", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
