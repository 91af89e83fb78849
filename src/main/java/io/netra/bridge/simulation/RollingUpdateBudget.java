package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A rolling update's resolved {@code maxSurge} and {@code maxUnavailable} for a replica count, with
 * Kubernetes' rounding: surge rounds up, unavailable rounds down, and when both are zero
 * unavailable becomes 1.
 */
record RollingUpdateBudget(int maxSurge, int maxUnavailable) {

  private static final IntOrString DEFAULT = new IntOrString("25%");

  static RollingUpdateBudget of(DeploymentStrategy strategy, int replicas) {
    RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
    IntOrString surge =
        rolling == null || rolling.getMaxSurge() == null ? DEFAULT : rolling.getMaxSurge();
    IntOrString unavailable =
        rolling == null || rolling.getMaxUnavailable() == null
            ? DEFAULT
            : rolling.getMaxUnavailable();
    int resolvedSurge = resolve(surge, replicas, true);
    int resolvedUnavailable = resolve(unavailable, replicas, false);
    if (resolvedSurge == 0 && resolvedUnavailable == 0) {
      resolvedUnavailable = 1;
    }
    return new RollingUpdateBudget(resolvedSurge, resolvedUnavailable);
  }

  static int resolve(IntOrString value, int replicas, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal().trim();
    if (!text.endsWith("%")) {
      return Integer.parseInt(text);
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    long scaled = (long) percent * replicas;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }
}
