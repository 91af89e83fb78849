package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.validation.SpecValidator;
import io.netra.bridge.validation.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example passes the CRD schema (JSON schema and CEL rules) and the operator's own {@link
 * SpecValidator}; every resource in the bad corpus is rejected by both, with a message naming the
 * field. Each bad file says what it expects in its header: {@code # schema: <text in one of the
 * schema's messages>} and {@code # validator: <field of one of the validator's violations>}.
 */
class ResourceValidationTest {
  static final CrdSchema SCHEMA = CrdSchema.load(InstallFiles.CRD);

  static Stream<Path> exampleFiles() {
    return InstallFiles.yamlFiles(InstallFiles.EXAMPLES).stream()
        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
        .filter(p -> !p.getFileName().toString().endsWith("-patch.yaml"));
  }

  static Stream<Path> badFiles() {
    return InstallFiles.yamlFiles(InstallFiles.BAD_BRIDGES).stream();
  }

  @ParameterizedTest
  @MethodSource("exampleFiles")
  void exampleIsAccepted(Path file) {
    List<JsonNode> docs = InstallFiles.yamlDocuments(InstallFiles.read(file));
    assertThat(docs).isNotEmpty();
    for (JsonNode doc : docs) {
      assertAccepted(file.toString(), doc);
    }
  }

  @Test
  void productionOverlayIsAccepted() {
    Path overlay = InstallFiles.EXAMPLES.resolve("gitops/overlays/production");
    JsonNode base =
        InstallFiles.yamlDocuments(
                InstallFiles.read(
                    InstallFiles.EXAMPLES.resolve("gitops/base/websocketbridge.yaml")))
            .get(0);
    JsonNode patch =
        InstallFiles.yamlDocuments(InstallFiles.read(overlay.resolve("websocketbridge-patch.yaml")))
            .get(0);
    assertThat(InstallFiles.read(overlay.resolve("kustomization.yaml")))
        .contains("../../base", "websocketbridge-patch.yaml");
    JsonNode merged = InstallFiles.mergePatch(base, patch);
    assertThat(merged.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(merged.at("/spec/image").asText()).contains("@sha256:");
    assertAccepted("base + production patch", merged);
  }

  @Test
  void theCorpusCoversEnoughMistakes() {
    assertThat(badFiles()).hasSizeGreaterThanOrEqualTo(15);
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badResourceIsRejectedByTheSchema(Path file) {
    String yaml = InstallFiles.read(file);
    List<String> problems = SCHEMA.validate(InstallFiles.yamlDocuments(yaml).get(0));
    assertThat(problems).as("schema problems of %s", file).isNotEmpty();
    String expected = header(yaml, "schema");
    assertThat(problems)
        .as("a schema message of %s mentions %s", file, expected)
        .anyMatch(p -> p.contains(expected));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badResourceIsRejectedByTheOperator(Path file) {
    String yaml = InstallFiles.read(file);
    List<Violation> violations =
        SpecValidator.validate(Serialization.unmarshal(yaml, WebSocketBridge.class));
    String field = header(yaml, "validator");
    assertThat(violations)
        .as("violations of %s", file)
        .anyMatch(v -> v.field().equals(field) && !v.message().isBlank());
  }

  @Test
  void defaultsAreAppliedBeforeTheCelRules() throws Exception {
    JsonNode onlySurgeZero =
        InstallFiles.YAML.readTree(
            "spec: {image: 'r.example.com/b:1', rollout: {maxSurge: 0, maxUnavailable: 1}}");
    assertThat(SCHEMA.validate(onlySurgeZero)).isEmpty();
  }

  private static void assertAccepted(String what, JsonNode doc) {
    assertThat(doc.path("kind").asText()).as("kind of %s", what).isEqualTo("WebSocketBridge");
    assertThat(SCHEMA.validate(doc)).as("schema problems of %s", what).isEmpty();
    WebSocketBridge bridge = Serialization.unmarshal(doc.toString(), WebSocketBridge.class);
    assertThat(SpecValidator.validate(bridge)).as("violations of %s", what).isEmpty();
  }

  private static String header(String yaml, String key) {
    List<String> found = new ArrayList<>();
    yaml.lines()
        .filter(l -> l.startsWith("# " + key + ": "))
        .forEach(l -> found.add(l.substring(("# " + key + ": ").length()).trim()));
    assertThat(found).as("'# %s:' header", key).hasSize(1);
    return found.get(0);
  }
}
