package io.netra.bridge.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CRD's openAPIV3Schema as an API server would apply it, without an API server: defaults are
 * filled in first (as the server does), then the structural schema is checked with a JSON-schema
 * library and the {@code x-kubernetes-validations} CEL rules with CEL-Java. Unknown fields are not
 * errors (a server prunes them).
 */
final class CrdSchema {
  private final JsonNode openApiSchema;
  private final Schema schema;
  private final CelRules celRules = new CelRules();

  private CrdSchema(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(openApiSchema.toString(), InputFormat.JSON);
  }

  static CrdSchema load(Path crdFile) {
    JsonNode crd = InstallFiles.yamlDocuments(InstallFiles.read(crdFile)).get(0);
    JsonNode versions = crd.path("spec").path("versions");
    if (versions.size() != 1) {
      throw new IllegalStateException("expected one version in " + crdFile);
    }
    return new CrdSchema(versions.get(0).path("schema").path("openAPIV3Schema"));
  }

  JsonNode openApiSchema() {
    return openApiSchema;
  }

  /** Every problem the API server would report for {@code resource}; empty when it is accepted. */
  List<String> validate(JsonNode resource) {
    JsonNode defaulted = withDefaults(openApiSchema, resource.deepCopy());
    List<String> problems = new ArrayList<>();
    schema.validate(defaulted.toString(), InputFormat.JSON).forEach(e -> problems.add(problem(e)));
    if (problems.isEmpty()) {
      // The server evaluates CEL rules only on values that pass the structural schema.
      problems.addAll(celRules.check(openApiSchema, defaulted, ""));
    }
    return problems;
  }

  /**
   * A JSON pointer ({@code /spec/env/0/name}) in the API server's notation ({@code
   * spec.env[0].name}).
   */
  static String field(String pointer) {
    String out = "";
    for (String part : pointer.replaceFirst("^[$/]", "").split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      out =
          part.matches("[0-9]+")
              ? out + "[" + part + "]"
              : child(out, part.replace("~1", "/").replace("~0", "~"));
    }
    return out.isEmpty() ? "<root>" : out;
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String problem(com.networknt.schema.Error error) {
    String location = error.getInstanceLocation().toString();
    String message = error.getMessage();
    if (message.startsWith(location + ": ")) {
      message = message.substring(location.length() + 2);
    }
    return field(location) + ": " + message;
  }

  /** Kubernetes defaulting: a missing property gets its default when its parent object exists. */
  static JsonNode withDefaults(JsonNode schema, JsonNode value) {
    if (value == null || value.isNull()) {
      return value;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
        JsonNode child = object.get(p.getKey());
        if (child == null && p.getValue().has("default")) {
          object.set(p.getKey(), p.getValue().get("default").deepCopy());
        } else if (child != null) {
          object.set(p.getKey(), withDefaults(p.getValue(), child));
        }
      }
      JsonNode additional = schema.path("additionalProperties");
      if (additional.isObject()) {
        for (Map.Entry<String, JsonNode> e : List.copyOf(object.properties())) {
          object.set(e.getKey(), withDefaults(additional, e.getValue()));
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) value)
            .set(i, withDefaults(schema.get("items"), value.get(i)));
      }
    }
    return value;
  }
}
