package io.netra.bridge.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders the chart with helm-java (an embedded Helm 3) and reads the objects with Fabric8. */
final class Chart {
  static final String RELEASE = "websocket-bridge-operator";
  static final String NAMESPACE = "websocket-bridge-operator";

  private Chart() {}

  /**
   * {@code helm template} of the chart; {@code values} has dotted keys ({@code image.digest}) and
   * are passed as a values file, so lists stay lists. CRDs are not part of the output.
   */
  static String template(Map<String, Object> values) {
    TemplateCommand command =
        new Helm(InstallFiles.CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.30.0")
            .skipCrds();
    if (!values.isEmpty()) {
      command.withValuesFile(valuesFile(values));
    }
    return command.call();
  }

  private static Path valuesFile(Map<String, Object> values) {
    ObjectNode root = InstallFiles.YAML.createObjectNode();
    values.forEach(
        (key, value) -> {
          ObjectNode parent = root;
          String[] parts = key.split("\\.");
          for (int i = 0; i < parts.length - 1; i++) {
            parent =
                parent.has(parts[i])
                    ? (ObjectNode) parent.get(parts[i])
                    : parent.putObject(parts[i]);
          }
          parent.set(parts[parts.length - 1], InstallFiles.YAML.valueToTree(value));
        });
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, InstallFiles.YAML.writeValueAsString(root));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> objects(String rendered) {
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : rendered.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = Serialization.unmarshal(doc);
      if (parsed instanceof KubernetesResourceList<?> list) {
        list.getItems().forEach(o -> out.add((HasMetadata) o));
      } else {
        out.add((HasMetadata) parsed);
      }
    }
    return out;
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = all(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", got " + found.size());
    }
    return found.get(0);
  }

  static Optional<HasMetadata> byKind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).findFirst();
  }
}
