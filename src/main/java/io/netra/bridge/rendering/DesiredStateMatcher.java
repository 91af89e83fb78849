package io.netra.bridge.rendering;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a rendered object with what the cluster holds. Every field the operator renders must be
 * there with the same value; fields the API server adds (defaults, status, metadata) are ignored.
 * Lists must have the same length, so an added container counts as a change.
 */
public final class DesiredStateMatcher {
  private DesiredStateMatcher() {}

  /**
   * The JSON path of the first difference, or empty when {@code actual} satisfies {@code desired}.
   */
  public static Optional<String> firstDifference(Object desired, Object actual) {
    return difference(CanonicalJson.tree(desired), CanonicalJson.tree(actual), "");
  }

  private static Optional<String> difference(JsonNode desired, JsonNode actual, String path) {
    if (desired == null || desired.isNull()) {
      return Optional.empty();
    }
    if (actual == null || actual.isNull()) {
      return Optional.of(path.isEmpty() ? "/" : path);
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return Optional.of(path);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        Optional<String> found =
            difference(field.getValue(), actual.get(field.getKey()), path + "/" + field.getKey());
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < desired.size(); i++) {
        Optional<String> found = difference(desired.get(i), actual.get(i), path + "/" + i);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    return desired.equals(actual)
            || desired.asText().equals(actual.asText())
            || sameQuantity(path, desired, actual)
        ? Optional.empty()
        : Optional.of(path);
  }

  /** The API server rewrites quantities ({@code 1000m} becomes {@code 1}); compare their values. */
  private static boolean sameQuantity(String path, JsonNode desired, JsonNode actual) {
    if (!path.contains("/resources/")) {
      return false;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(desired.asText()))
              .compareTo(Quantity.getAmountInBytes(new Quantity(actual.asText())))
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
