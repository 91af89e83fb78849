package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the simulated Deployment controller knows of one Deployment: its ReplicaSets by hash. */
final class ManagedDeployment {

  private final String key;
  private final Map<String, ManagedReplicaSet> replicaSets = new LinkedHashMap<>();
  private Deployment latest;

  ManagedDeployment(String key, Deployment latest) {
    this.key = key;
    this.latest = latest;
  }

  String key() {
    return key;
  }

  Deployment latest() {
    return latest;
  }

  void latest(Deployment latest) {
    this.latest = latest;
  }

  String name() {
    return latest.getMetadata().getName();
  }

  String namespace() {
    return latest.getMetadata().getNamespace();
  }

  ManagedReplicaSet replicaSet(String templateHash) {
    return replicaSets.get(templateHash);
  }

  void add(ManagedReplicaSet replicaSet) {
    replicaSets.put(replicaSet.templateHash(), replicaSet);
  }

  Collection<ManagedReplicaSet> replicaSets() {
    return replicaSets.values();
  }

  long maxRevision() {
    return replicaSets.values().stream().mapToLong(ManagedReplicaSet::revision).max().orElse(0);
  }

  List<SimulatedPod> pods() {
    List<SimulatedPod> pods = new ArrayList<>();
    replicaSets.values().forEach(rs -> pods.addAll(rs.pods()));
    return pods;
  }

  List<SimulatedPod> podsOutside(ManagedReplicaSet replicaSet) {
    List<SimulatedPod> pods = new ArrayList<>();
    replicaSets.values().stream()
        .filter(rs -> rs != replicaSet)
        .forEach(rs -> pods.addAll(rs.pods()));
    return pods;
  }
}
