package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netra.bridge.runtime.BridgeCrd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checked-in CRD is the one the model generates, and it documents and bounds every field. */
class CrdTest {
  /**
   * Subtrees whose schema is an embedded Kubernetes type (EnvVar, ResourceRequirements, Toleration,
   * Affinity, Condition): the generator copies their shape without descriptions. The field itself
   * must still be described.
   */
  static final Set<String> KUBERNETES_TYPES =
      Set.of(
          "spec.env[]",
          "spec.resources",
          "spec.pod.tolerations[]",
          "spec.pod.affinity",
          "status.conditions[]");

  static String generatedCrd() throws IOException {
    try (InputStream in =
        BridgeCrd.class.getClassLoader().getResourceAsStream(BridgeCrd.RESOURCE)) {
      assertThat(in).as(BridgeCrd.RESOURCE + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void checkedInCrdIsTheGeneratedOne() throws IOException {
    assertThat(InstallFiles.read(InstallFiles.CRD))
        .as(
            "crds/%s differs from the CRD generated from the model. Refresh it with:%n"
                + "  mvn -o -B process-classes && cp target/classes/%s crds/%s && cp crds/%s %s",
            InstallFiles.CRD_FILE_NAME,
            BridgeCrd.RESOURCE,
            InstallFiles.CRD_FILE_NAME,
            InstallFiles.CRD_FILE_NAME,
            InstallFiles.CHART_CRD)
        .isEqualTo(generatedCrd());
  }

  @Test
  void chartCrdIsTheCheckedInOne() {
    assertThat(InstallFiles.read(InstallFiles.CHART_CRD))
        .as(
            "%s differs from crds/; refresh it with: cp crds/%s %s",
            InstallFiles.CHART_CRD, InstallFiles.CRD_FILE_NAME, InstallFiles.CHART_CRD)
        .isEqualTo(InstallFiles.read(InstallFiles.CRD));
  }

  @Test
  void everyFieldHasADescription() {
    JsonNode schema = CrdSchema.load(InstallFiles.CRD).openApiSchema();
    List<String> missing = new ArrayList<>();
    for (String root : List.of("spec", "status")) {
      undescribed(schema.path("properties").path(root), root, missing);
    }
    assertThat(missing).as("schema properties without a description").isEmpty();
  }

  @Test
  void theDescriptionCheckFindsAnUndescribedField() throws IOException {
    JsonNode schema =
        InstallFiles.YAML.readTree(
            "properties: {a: {description: x, properties: {b: {type: string}}}}");
    List<String> missing = new ArrayList<>();
    undescribed(schema, "spec", missing);
    assertThat(missing).containsExactly("spec.a.b");
  }

  static void undescribed(JsonNode schema, String path, List<String> missing) {
    if (KUBERNETES_TYPES.contains(path)) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      String child = path + "." + p.getKey();
      if (p.getValue().path("description").asText("").isBlank()) {
        missing.add(child);
      }
      undescribed(p.getValue(), child, missing);
    }
    if (schema.has("items")) {
      undescribed(schema.get("items"), path + "[]", missing);
    }
  }

  @Test
  void printerColumnsShowPhaseReadyServingImageDigestAndAge() {
    JsonNode version =
        InstallFiles.yamlDocuments(InstallFiles.read(InstallFiles.CRD))
            .get(0)
            .path("spec")
            .path("versions")
            .get(0);
    List<String> columns = new ArrayList<>();
    version
        .path("additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText() + "=" + c.path("jsonPath").asText()));
    assertThat(columns)
        .contains(
            "Phase=.status.phase",
            "Ready=.status.readyReplicas",
            "Serving=.status.currentRevision.image",
            "Digest=.status.currentRevision.digest",
            "Age=.metadata.creationTimestamp");
    assertThat(version.path("subresources").has("status")).isTrue();
  }

  @Test
  void enumsStandForTheFixedValueSets() {
    JsonNode spec =
        CrdSchema.load(InstallFiles.CRD).openApiSchema().path("properties").path("spec");
    assertThat(values(spec.at("/properties/imagePullPolicy/enum")))
        .containsExactlyInAnyOrder("Always", "IfNotPresent", "Never");
    JsonNode logging = spec.at("/properties/bridge/properties/logging/properties");
    assertThat(values(logging.at("/level/enum")))
        .containsExactlyInAnyOrder("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    assertThat(values(logging.at("/format/enum"))).containsExactlyInAnyOrder("json", "text");
  }

  @Test
  void everyStringListAndMapInTheSpecIsBounded() {
    JsonNode spec =
        CrdSchema.load(InstallFiles.CRD).openApiSchema().path("properties").path("spec");
    List<String> unbounded = new ArrayList<>();
    unbounded(spec, "spec", unbounded);
    // Free-form values whose size the operator bounds as a whole (rendered config file <= 256 KiB,
    // annotations <= 256 KiB), as Kubernetes does for annotations.
    assertThat(unbounded)
        .containsExactlyInAnyOrder("spec.bridge.settings{}", "spec.pod.annotations{}");
  }

  private static void unbounded(JsonNode schema, String path, List<String> out) {
    if (KUBERNETES_TYPES.contains(path)) {
      return;
    }
    String type = schema.path("type").asText();
    boolean enumerated = schema.has("enum");
    if (type.equals("string") && !schema.has("maxLength") && !enumerated) {
      out.add(path);
    }
    if (type.equals("array") && !schema.has("maxItems")) {
      out.add(path);
    }
    if (type.equals("object") && schema.has("additionalProperties")) {
      if (!schema.has("maxProperties")) {
        out.add(path);
      }
      unbounded(schema.get("additionalProperties"), path + "{}", out);
    }
    schema
        .path("properties")
        .properties()
        .forEach(p -> unbounded(p.getValue(), path + "." + p.getKey(), out));
    if (schema.has("items")) {
      unbounded(schema.get("items"), path + "[]", out);
    }
  }

  @Test
  void everyCelRuleCompiles() {
    List<String> rules = new ArrayList<>();
    rules(CrdSchema.load(InstallFiles.CRD).openApiSchema(), rules);
    assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
    CelRules cel = new CelRules();
    rules.forEach(cel::program);
  }

  private static void rules(JsonNode schema, List<String> out) {
    schema.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText()));
    schema.path("properties").forEach(p -> rules(p, out));
    if (schema.has("items")) {
      rules(schema.get("items"), out);
    }
    if (schema.path("additionalProperties").isObject()) {
      rules(schema.get("additionalProperties"), out);
    }
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
