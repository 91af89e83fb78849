package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.List;
import java.util.Objects;

/**
 * The status the Deployment controller reports. Zero counts are omitted as the API server does; a
 * condition keeps its timestamps while its status, reason and message stay the same, so an
 * unchanged rollout computes an equal status.
 */
final class DeploymentStatuses {

  private DeploymentStatuses() {}

  static DeploymentStatus of(
      ManagedDeployment deployment,
      ManagedReplicaSet current,
      int replicas,
      RollingUpdateBudget budget,
      String now) {
    Deployment latest = deployment.latest();
    int total = deployment.pods().size();
    int updated = current.pods().size();
    int available = (int) deployment.pods().stream().filter(SimulatedPod::ready).count();
    boolean complete = updated == replicas && total == replicas && available == replicas;
    boolean minimumAvailable = available >= replicas - budget.maxUnavailable();
    List<DeploymentCondition> previous =
        latest.getStatus() == null ? List.of() : latest.getStatus().getConditions();
    DeploymentCondition availableCondition =
        minimumAvailable
            ? condition(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.")
            : condition(
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.");
    DeploymentCondition progressingCondition =
        complete
            ? condition(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                "ReplicaSet \"" + current.name() + "\" has successfully progressed.")
            : condition(
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                "ReplicaSet \"" + current.name() + "\" is progressing.");
    return new DeploymentStatusBuilder()
        .withObservedGeneration(latest.getMetadata().getGeneration())
        .withReplicas(omitZero(total))
        .withUpdatedReplicas(omitZero(updated))
        .withReadyReplicas(omitZero(available))
        .withAvailableReplicas(omitZero(available))
        .withUnavailableReplicas(omitZero(Math.max(0, replicas - available)))
        .withConditions(
            keepTimes(availableCondition, previous, now),
            keepTimes(progressingCondition, previous, now))
        .build();
  }

  private static DeploymentCondition condition(
      String type, String status, String reason, String message) {
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  private static DeploymentCondition keepTimes(
      DeploymentCondition condition, List<DeploymentCondition> previous, String now) {
    for (DeploymentCondition before : previous) {
      if (Objects.equals(before.getType(), condition.getType())
          && Objects.equals(before.getStatus(), condition.getStatus())
          && Objects.equals(before.getReason(), condition.getReason())
          && Objects.equals(before.getMessage(), condition.getMessage())) {
        return before;
      }
    }
    String transition = now;
    for (DeploymentCondition before : previous) {
      if (Objects.equals(before.getType(), condition.getType())
          && Objects.equals(before.getStatus(), condition.getStatus())) {
        transition = before.getLastTransitionTime();
      }
    }
    return new DeploymentConditionBuilder(condition)
        .withLastUpdateTime(now)
        .withLastTransitionTime(transition)
        .build();
  }

  private static Integer omitZero(int count) {
    return count == 0 ? null : count;
  }
}
