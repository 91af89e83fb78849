package io.netra.bridge.rollout;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridgeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes the next status from the previous one and a decision. Pure; a bridge whose state did not
 * change gets a status equal to the previous one, so the operator writes nothing.
 */
public final class StatusComposer {
  private static final String NEVER_ROLLED_BACK = "NoRollback";

  private StatusComposer() {}

  public static WebSocketBridgeStatus compose(
      long generation,
      WebSocketBridgeStatus previous,
      RolloutDecision decision,
      RevisionRef desired,
      RevisionRef current,
      PodCounts counts,
      int historyLimit,
      Instant now) {
    WebSocketBridgeStatus next = new WebSocketBridgeStatus();
    next.observedGeneration = generation;
    next.phase = decision.phase();
    next.desiredRevision = desired;
    next.currentRevision = current;
    next.stableRevision =
        decision.newStable() != null ? decision.newStable() : previous.stableRevision;
    next.failedRevisions = failedRevisions(previous, decision.newFailure(), historyLimit);
    next.replicas = counts.pods();
    next.readyReplicas = counts.ready();
    next.configuredReplicas = counts.configured();

    Conditions conditions = new Conditions(previous.conditions, generation, now);
    Phase phase = decision.phase();
    conditions.set(Conditions.READY, phase == Phase.Ready, decision.reason(), decision.message());
    conditions.set(
        Conditions.RECONCILING,
        phase == Phase.Progressing,
        phase == Phase.Progressing ? decision.reason() : "Idle",
        phase == Phase.Progressing ? decision.message() : "no rollout in progress");
    boolean stalled = phase == Phase.RolledBack || phase == Phase.Failed;
    conditions.set(
        Conditions.STALLED,
        stalled,
        stalled ? decision.reason() : "NotStalled",
        stalled ? decision.message() : "the operator can make progress");
    boolean allConfigured = counts.servingConfigured() >= counts.expected();
    conditions.set(
        Conditions.CONFIGURED,
        allConfigured,
        allConfigured ? "AllPodsConfigured" : "ConfigNotApplied",
        counts.servingConfigured()
            + "/"
            + counts.expected()
            + " pods of the revision on the Deployment report its config hash "
            + (current == null ? "" : current.configHash));
    if (decision.rollsBack()) {
      conditions.set(
          Conditions.ROLLED_BACK, true, decision.newFailure().reason, decision.message());
    } else if (decision.newStable() != null) {
      conditions.set(
          Conditions.ROLLED_BACK,
          false,
          "RevisionHealthy",
          "revision " + decision.newStable().name + " is healthy");
    } else {
      conditions.keep(Conditions.ROLLED_BACK, false, NEVER_ROLLED_BACK, "no rollback happened");
    }
    next.conditions = conditions.build();
    return next;
  }

  /** Status of a bridge whose spec is invalid: nothing else changes. */
  public static WebSocketBridgeStatus invalid(
      long generation, WebSocketBridgeStatus previous, String message, Instant now) {
    return standing(generation, previous, Phase.Failed, "InvalidSpec", message, true, now);
  }

  /** Status of a paused bridge: the operator says so and changes nothing. */
  public static WebSocketBridgeStatus paused(
      long generation, WebSocketBridgeStatus previous, Instant now) {
    return standing(
        generation,
        previous,
        Phase.Paused,
        "Paused",
        "spec.paused is true: the operator changes nothing in the cluster",
        false,
        now);
  }

  private static WebSocketBridgeStatus standing(
      long generation,
      WebSocketBridgeStatus previous,
      Phase phase,
      String reason,
      String message,
      boolean stalled,
      Instant now) {
    WebSocketBridgeStatus next = copyOf(previous);
    next.observedGeneration = generation;
    next.phase = phase;
    Conditions conditions = new Conditions(previous.conditions, generation, now);
    conditions.set(Conditions.READY, false, reason, message);
    conditions.set(Conditions.RECONCILING, false, reason, message);
    conditions.set(
        Conditions.STALLED,
        stalled,
        stalled ? reason : "NotStalled",
        stalled ? message : "the operator can make progress");
    conditions.keep(Conditions.CONFIGURED, false, reason, message);
    conditions.keep(Conditions.ROLLED_BACK, false, NEVER_ROLLED_BACK, "no rollback happened");
    next.conditions = conditions.build();
    return next;
  }

  private static List<FailedRevision> failedRevisions(
      WebSocketBridgeStatus previous, FailedRevision added, int limit) {
    List<FailedRevision> all = new ArrayList<>(previous.failedRevisions);
    if (added != null) {
      all.add(added);
    }
    return all.size() <= limit ? all : new ArrayList<>(all.subList(all.size() - limit, all.size()));
  }

  static WebSocketBridgeStatus copyOf(WebSocketBridgeStatus previous) {
    WebSocketBridgeStatus copy = new WebSocketBridgeStatus();
    copy.desiredRevision = previous.desiredRevision;
    copy.currentRevision = previous.currentRevision;
    copy.stableRevision = previous.stableRevision;
    copy.failedRevisions = new ArrayList<>(previous.failedRevisions);
    copy.replicas = previous.replicas;
    copy.readyReplicas = previous.readyReplicas;
    copy.configuredReplicas = previous.configuredReplicas;
    return copy;
  }
}
