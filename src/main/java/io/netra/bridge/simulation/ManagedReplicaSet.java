package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/** A ReplicaSet of a managed Deployment: one pod template, its revision and its pods. */
final class ManagedReplicaSet {

  private final ManagedDeployment deployment;
  private final String templateHash;
  private final List<SimulatedPod> pods = new ArrayList<>();
  private ReplicaSet stored;
  private long revision;

  ManagedReplicaSet(
      ManagedDeployment deployment, String templateHash, ReplicaSet stored, long revision) {
    this.deployment = deployment;
    this.templateHash = templateHash;
    this.stored = stored;
    this.revision = revision;
  }

  ManagedDeployment deployment() {
    return deployment;
  }

  String templateHash() {
    return templateHash;
  }

  String name() {
    return stored.getMetadata().getName();
  }

  List<SimulatedPod> pods() {
    return pods;
  }

  int readyPods() {
    return (int) pods.stream().filter(SimulatedPod::ready).count();
  }

  ReplicaSet stored() {
    return stored;
  }

  void stored(ReplicaSet stored) {
    this.stored = stored;
  }

  long revision() {
    return revision;
  }

  void revision(long revision) {
    this.revision = revision;
  }
}
