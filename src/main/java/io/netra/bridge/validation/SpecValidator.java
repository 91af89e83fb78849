package io.netra.bridge.validation;

import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.WebSocketBridge;
import java.util.ArrayList;
import java.util.List;

/** Placeholder until the full validator lands: checks the fields the operator cannot do without. */
public final class SpecValidator {
  private SpecValidator() {}

  public static List<Violation> validate(WebSocketBridge bridge) {
    List<Violation> violations = new ArrayList<>();
    if (bridge.getSpec() == null) {
      violations.add(new Violation("spec", "is required"));
      return violations;
    }
    if (ImageReference.parse(bridge.getSpec().image).isEmpty()) {
      violations.add(new Violation("spec.image", "is not a valid image reference"));
    }
    return violations;
  }
}
