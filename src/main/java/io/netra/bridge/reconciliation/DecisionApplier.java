package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.DeploymentRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rendering.RollbackMarker;
import io.netra.bridge.rollout.DeployedRevision;
import io.netra.bridge.rollout.Target;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Puts a decision in place: the target revision's objects, the Service, PDB and pruning. */
class DecisionApplier {

  /**
   * What applying changed: whether it wrote the Deployment, whether that started a rollout, and the
   * manual edits it undid.
   */
  record Applied(boolean wroteDeployment, boolean startedRollout, List<String> reverted) {}

  Applied apply(
      OwnedObjectWriter writer,
      WebSocketBridge bridge,
      Observation observation,
      Target targetKind,
      RevisionTemplate target,
      FailedRevision rollingBackFrom,
      WebSocketBridgeStatus previous,
      Instant now) {
    ObservedState observed = observation.observed();
    DeployedRevision deployed = observation.deployed().orElse(null);
    OwnedObjects owned = new OwnedObjects(writer, bridge, observed);
    boolean startedRollout = false;
    boolean wrote = false;
    if (target != null) {
      owned.ensureConfigMap(target);
      if (targetKind == Target.DESIRED) {
        owned.ensureControllerRevision(observation.desired());
      }
      // The retry token tells attempts of the desired revision apart. The stable revision's
      // template predates any retry, so a rollback Deployment never carries the token: comparing
      // it there made every reconcile after a retried-and-rolled-back revision a new attempt,
      // with a fresh applied-at written each time.
      boolean sameAttempt =
          deployed != null
              && deployed.name().equals(target.name())
              && (targetKind != Target.DESIRED
                  || Objects.equals(deployed.retry(), observation.retryToken()))
              && Objects.equals(deployed.image(), target.image());
      Instant appliedAt = sameAttempt && deployed.appliedAt() != null ? deployed.appliedAt() : now;
      // A write the operator did not intend (nothing in spec or decision changed) undoes a
      // person's edit of the Deployment, and is reported as such.
      long generation =
          bridge.getMetadata().getGeneration() == null ? 0 : bridge.getMetadata().getGeneration();
      boolean planned =
          deployed == null
              ? previous.currentRevision == null
              : !sameAttempt || !Objects.equals(previous.observedGeneration, generation);
      Deployment desiredDeployment = DeploymentRenderer.render(bridge, target, appliedAt);
      if (rollingBackFrom != null) {
        RollbackMarker.marked(desiredDeployment, rollingBackFrom);
      }
      wrote = owned.ensureDeployment(desiredDeployment, planned);
      startedRollout = wrote && !sameAttempt && targetKind == Target.DESIRED;
    }
    owned.ensureService();
    owned.ensurePodDisruptionBudget();
    RevisionRef stable = previous.stableRevision;
    RevisionTemplate stableTemplate = observation.stableTemplate();
    owned.prune(
        present(
            observation.desired().name(),
            target == null ? null : target.name(),
            stable == null ? null : stable.name,
            deployed == null ? null : deployed.name()),
        present(
            observation.desired().configMapName(),
            target == null ? null : target.configMapName(),
            stableTemplate == null ? null : stableTemplate.configMapName(),
            observed.deployedConfigMap()),
        bridge.getSpec().rollout.revisionHistoryLimit);
    return new Applied(wrote, startedRollout, owned.reverted());
  }

  private static Set<String> present(String... names) {
    Set<String> set = new HashSet<>();
    for (String name : names) {
      if (name != null) {
        set.add(name);
      }
    }
    return set;
  }
}
