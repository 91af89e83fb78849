package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.util.Map;
import java.util.Optional;

/** A PodDisruptionBudget allowing one voluntary disruption at a time, when replicas > 1. */
public final class PodDisruptionBudgetRenderer {
  private PodDisruptionBudgetRenderer() {}

  public static Optional<PodDisruptionBudget> render(WebSocketBridge bridge) {
    if (bridge.getSpec().replicas <= 1) {
      return Optional.empty();
    }
    String name = bridge.getMetadata().getName();
    return Optional.of(
        new PodDisruptionBudgetBuilder()
            .withMetadata(OwnedMetadata.of(bridge, BridgeNames.podDisruptionBudget(name), Map.of()))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(BridgeNames.selectorLabels(name))
            .endSelector()
            .endSpec()
            .build());
  }
}
