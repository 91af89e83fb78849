package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.netra.bridge.health.ConfigCheck;
import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.health.RevisionHealthClassifier;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.RevisionRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rollout.DeployedRevision;
import io.netra.bridge.rollout.RolloutInput;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one reconcile reads: the desired revision, the caches, the config checks and the
 * verdict on the deployed revision's pods.
 */
record Observation(
    RevisionTemplate desired,
    ObservedState observed,
    Optional<DeployedRevision> deployed,
    Map<String, ConfigCheck> checks,
    RevisionHealth health,
    RevisionTemplate stableTemplate,
    String retryToken,
    int progressDeadlineSeconds,
    int maxStartupRestarts) {

  static Observation gather(
      WebSocketBridge bridge,
      WebSocketBridgeStatus previous,
      Context<WebSocketBridge> context,
      ConfigProbes probes) {
    WebSocketBridgeSpec spec = bridge.getSpec();
    RevisionTemplate desired = RevisionRenderer.desired(bridge);
    ObservedState observed = ObservedState.of(context);
    Optional<DeployedRevision> deployed = observed.deployed();
    Map<String, ConfigCheck> checks =
        probes.observe(
            ResourceID.fromResource(bridge),
            observed.pods(),
            spec.containerPort,
            spec.health.configuredPath);
    RevisionHealth health =
        deployed
            .map(
                d ->
                    RevisionHealthClassifier.classify(
                        observed.podsOf(d.name()),
                        spec.replicas,
                        spec.rollout.maxStartupRestarts,
                        pod -> checkOf(checks, pod)))
            .orElse(null);
    RevisionRef stable = previous.stableRevision;
    RevisionTemplate stableTemplate =
        stable == null
            ? null
            : stable.name.equals(desired.name())
                ? desired
                : observed.revision(stable.name).orElse(null);
    var annotations = bridge.getMetadata().getAnnotations();
    String retryToken = annotations == null ? null : annotations.get(BridgeNames.ANNOTATION_RETRY);
    return new Observation(
        desired,
        observed,
        deployed,
        checks,
        health,
        stableTemplate,
        retryToken,
        spec.rollout.progressDeadlineSeconds,
        spec.rollout.maxStartupRestarts);
  }

  RolloutInput input(WebSocketBridgeSpec spec, WebSocketBridgeStatus previous, Instant now) {
    return new RolloutInput(
        desired,
        retryToken,
        spec.rollout,
        previous,
        deployed.orElse(null),
        stableTemplate,
        health,
        now);
  }

  /** Whether some Ready pod's configuration check has not answered yet. */
  boolean checksPending() {
    return observed.pods().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(io.netra.bridge.health.PodStatuses::isReady)
        .filter(p -> p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isBlank())
        .anyMatch(p -> checkOf(p).state() == ConfigCheck.State.PENDING);
  }

  ConfigCheck checkOf(Pod pod) {
    return checkOf(checks, pod);
  }

  private static ConfigCheck checkOf(Map<String, ConfigCheck> checks, Pod pod) {
    return checks.getOrDefault(pod.getMetadata().getUid(), ConfigCheck.PENDING);
  }
}
