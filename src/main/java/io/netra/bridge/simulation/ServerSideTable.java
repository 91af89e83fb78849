package io.netra.bridge.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a real API server does for {@code Accept: application/json;as=Table}: turns an object or a
 * list into a {@code meta.k8s.io/v1 Table} with the CRD's printer columns, so {@code kubectl get}
 * shows them.
 */
final class ServerSideTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ServerSideTable() {}

  /**
   * @param includeObject {@code None}, {@code Object} or {@code Metadata} (the default)
   */
  static String convert(
      String body, List<CustomResourceColumnDefinition> columns, String includeObject, Instant now)
      throws java.io.IOException {
    JsonNode root = JSON.readTree(body);
    List<JsonNode> items = new ArrayList<>();
    if (root.has("items")) {
      root.get("items").forEach(items::add);
    } else {
      items.add(root);
    }
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (root.has("metadata") && root.get("metadata").has("resourceVersion")) {
      metadata.set("resourceVersion", root.get("metadata").get("resourceVersion"));
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.add(column("Name", "string", "name", 0, "Name of the object."));
    boolean hasAge = columns.stream().anyMatch(c -> "Age".equals(c.getName()));
    for (CustomResourceColumnDefinition c : columns) {
      definitions.add(
          column(
              c.getName(),
              c.getType(),
              c.getFormat() == null ? "" : c.getFormat(),
              c.getPriority() == null ? 0 : c.getPriority(),
              c.getDescription() == null ? "" : c.getDescription()));
    }
    if (!hasAge) {
      definitions.add(column("Age", "date", "", 0, "Time since creation."));
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (CustomResourceColumnDefinition c : columns) {
        cells.add(cell(item, c.getJsonPath(), c.getType(), now));
      }
      if (!hasAge) {
        cells.add(cell(item, ".metadata.creationTimestamp", "date", now));
      }
      if ("Object".equals(includeObject)) {
        row.set("object", item);
      } else if (!"None".equals(includeObject)) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", item.path("metadata"));
      }
    }
    return JSON.writeValueAsString(table);
  }

  private static ObjectNode column(
      String name, String type, String format, int priority, String description) {
    ObjectNode column = NODES.objectNode();
    column.put("name", name);
    column.put("type", type);
    column.put("format", format);
    column.put("description", description);
    column.put("priority", priority);
    return column;
  }

  /** Evaluates the simple JSONPath ({@code .a.b.c}) printer columns use. */
  static JsonNode cell(JsonNode item, String jsonPath, String type, Instant now) {
    JsonNode node = item;
    for (String part : jsonPath.replaceFirst("^\\.", "").split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode() || node.isNull()) {
      return NODES.nullNode();
    }
    if ("date".equals(type)) {
      try {
        return NODES.textNode(humanDuration(Duration.between(Instant.parse(node.asText()), now)));
      } catch (DateTimeParseException e) {
        return NODES.textNode(node.asText());
      }
    }
    return node;
  }

  /** Like Kubernetes' duration.HumanDuration: 42s, 3m12s, 25m, 4h10m, 17h, 3d. */
  static String humanDuration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
    }
    if (h < 48) {
      return h + "h";
    }
    return (h / 24) + "d";
  }
}
