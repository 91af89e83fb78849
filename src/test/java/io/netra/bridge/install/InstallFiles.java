package io.netra.bridge.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Paths of the install files in the repository (tests run in the project directory). */
public final class InstallFiles {
  public static final String CRD_FILE_NAME = "websocketbridges.bridge.netra.io-v1.yml";
  public static final Path CRD = Path.of("crds", CRD_FILE_NAME);
  static final Path GENERATED_CRD =
      Path.of("target", "classes", "META-INF", "fabric8", CRD_FILE_NAME);
  public static final Path CHART = Path.of("helm", "websocket-bridge-operator");
  static final Path CHART_CRD = CHART.resolve("crds").resolve(CRD_FILE_NAME);
  public static final Path PLAIN_MANIFESTS = Path.of("deploy", "websocket-bridge-operator.yaml");
  public static final Path EXAMPLES = Path.of("examples");
  public static final Path BAD_BRIDGES = Path.of("src", "test", "resources", "bad-bridges");

  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  private InstallFiles() {}

  public static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a (multi-document) YAML file, empty documents left out. */
  public static List<JsonNode> yamlDocuments(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  public static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON merge patch (RFC 7386): maps merge, everything else is replaced. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject() || !target.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = ((ObjectNode) target).deepCopy();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else if (out.has(e.getKey())) {
        out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
      } else {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }
}
