package io.netra.bridge.rollout;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds status conditions in the Kubernetes shape. A condition keeps its lastTransitionTime as
 * long as its status does not change, so an unchanged bridge produces an identical status.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String CONFIGURED = "Configured";
  public static final String ROLLED_BACK = "RolledBack";

  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final Instant now;

  public Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        find(previous, type)
            .filter(c -> value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    return this;
  }

  /** Carries a condition over unchanged, or sets it when it was never set. */
  public Conditions keep(String type, boolean initialStatus, String initialReason, String message) {
    var kept = find(previous, type);
    if (kept.isPresent()) {
      return set(
          type,
          "True".equals(kept.get().getStatus()),
          kept.get().getReason(),
          kept.get().getMessage());
    }
    return set(type, initialStatus, initialReason, message);
  }

  public List<Condition> build() {
    return List.copyOf(next);
  }

  public static java.util.Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? java.util.Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
