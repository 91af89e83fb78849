package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Deployment controller: one ReplicaSet per pod template, rolling updates within
 * maxSurge/maxUnavailable, scaling, status, and the cascade deletion the mock server lacks. Only
 * the Deployments that changed (or whose pods changed) are reconciled at a step.
 */
final class DeploymentController {

  /** Pods a scale-down removes first: not Ready, then of the oldest revision, then the newest. */
  private final Comparator<SimulatedPod> deletionOrder =
      Comparator.comparing(SimulatedPod::ready)
          .thenComparingLong(p -> replicaSetOf(p).revision())
          .thenComparing(Comparator.comparingLong(SimulatedPod::sequence).reversed());

  private final ApiWriter writer;
  private final Kubelet kubelet;
  private final Timestamps timestamps;
  private final PodNameSuffixes suffixes = new PodNameSuffixes();
  private final LoopbackAddresses addresses;
  private final Map<String, ManagedDeployment> deployments = new HashMap<>();
  private final Map<String, SimulatedPod> pods = new HashMap<>();
  private final Map<SimulatedPod, ManagedReplicaSet> owners = new HashMap<>();
  private final Map<String, ManagedDeployment> dirty = new TreeMap<>();
  private final Terminations terminations;
  private final AtomicInteger podsCreated = new AtomicInteger();
  private long podSequence;
  private long step;

  DeploymentController(
      ApiWriter writer,
      Kubelet kubelet,
      Timestamps timestamps,
      LoopbackAddresses addresses,
      Duration stepDuration) {
    this.writer = writer;
    this.terminations = new Terminations(writer, stepDuration);
    this.addresses = addresses;
    this.kubelet = kubelet;
    this.timestamps = timestamps;
  }

  void observed(Deployment deployment) {
    String key = key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
    ManagedDeployment managed = deployments.get(key);
    if (managed != null
        && !managed.latest().getMetadata().getUid().equals(deployment.getMetadata().getUid())) {
      deleted(managed.latest());
      managed = null;
    }
    if (managed == null) {
      managed = new ManagedDeployment(key, deployment);
      deployments.put(key, managed);
    }
    managed.latest(deployment);
    dirty.put(key, managed);
  }

  /** The mock server has no garbage collector: delete the ReplicaSets and pods ourselves. */
  void deleted(Deployment deployment) {
    String key = key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
    ManagedDeployment managed = deployments.get(key);
    if (managed == null
        || !managed.latest().getMetadata().getUid().equals(deployment.getMetadata().getUid())) {
      return;
    }
    deployments.remove(key);
    dirty.remove(key);
    for (ManagedReplicaSet replicaSet : managed.replicaSets()) {
      new ArrayList<>(replicaSet.pods()).forEach(this::deletePod);
      writer.delete(replicaSet.stored());
    }
  }

  /**
   * Someone else deleted a pod: the API marked it (or removed it at once), its containers stop, the
   * controller replaces it, and the kubelet confirms the deletion after the grace period.
   */
  void podDeleted(Pod deleted, boolean gone) {
    String uid = deleted.getMetadata().getUid();
    if (gone) {
      terminations.forget(uid);
    }
    String key = key(deleted.getMetadata().getNamespace(), deleted.getMetadata().getName());
    SimulatedPod pod = pods.get(key);
    if (pod == null || !pod.stored().getMetadata().getUid().equals(uid)) {
      return;
    }
    pods.remove(key);
    kubelet.forget(pod);
    ManagedReplicaSet replicaSet = owners.remove(pod);
    replicaSet.pods().remove(pod);
    dirty.put(replicaSet.deployment().key(), replicaSet.deployment());
    if (!gone) {
      terminations.start(deleted, step + 1);
    }
  }

  void failReadiness(String namespace, String name) {
    SimulatedPod pod = pods.get(key(namespace, name));
    if (pod != null) {
      kubelet.failReadiness(pod, step + 1);
    }
  }

  void podReadinessChanged(SimulatedPod pod) {
    if (!pod.gone()) {
      ManagedDeployment deployment = replicaSetOf(pod).deployment();
      dirty.put(deployment.key(), deployment);
    }
  }

  void reconcileChanged(long step) {
    this.step = step;
    terminations.confirmDue(step);
    List<ManagedDeployment> changed = new ArrayList<>(dirty.values());
    dirty.clear();
    changed.forEach(this::reconcile);
  }

  int podsCreated() {
    return podsCreated.get();
  }

  private void reconcile(ManagedDeployment deployment) {
    DeploymentSpec spec = deployment.latest().getSpec();
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    ManagedReplicaSet current = currentReplicaSet(deployment);
    boolean recreate =
        spec.getStrategy() != null && "Recreate".equals(spec.getStrategy().getType());
    RollingUpdateBudget budget =
        recreate || replicas == 0
            ? new RollingUpdateBudget(0, 0)
            : RollingUpdateBudget.of(spec.getStrategy(), replicas);
    if (recreate) {
      deployment.podsOutside(current).forEach(this::deletePod);
      scaleCurrent(current, replicas, replicas);
    } else {
      rollingUpdate(deployment, current, replicas, budget);
    }
    deployment.replicaSets().forEach(this::writeReplicaSet);
    writeStatus(deployment, current, replicas, budget);
  }

  private void rollingUpdate(
      ManagedDeployment deployment,
      ManagedReplicaSet current,
      int replicas,
      RollingUpdateBudget budget) {
    int maxTotal = replicas + budget.maxSurge();
    scaleCurrent(current, replicas, maxTotal);
    int minAvailable = replicas - budget.maxUnavailable();
    int currentUnavailable = current.pods().size() - current.readyPods();
    int ready = (int) deployment.pods().stream().filter(SimulatedPod::ready).count();
    // As Kubernetes: never go below minAvailable, counting new pods that are not Ready yet as
    // unavailable, but old pods that are not Ready can go first without reducing availability.
    int scaleDownBudget = deployment.pods().size() - minAvailable - currentUnavailable;
    int readyRemovable = ready - minAvailable;
    List<SimulatedPod> old = deployment.podsOutside(current);
    old.sort(deletionOrder);
    for (SimulatedPod pod : old) {
      if (scaleDownBudget <= 0 || (pod.ready() && readyRemovable <= 0)) {
        break;
      }
      if (pod.ready()) {
        readyRemovable--;
      }
      deletePod(pod);
      scaleDownBudget--;
    }
    scaleCurrent(current, replicas, maxTotal);
  }

  /** Brings the current ReplicaSet to {@code replicas} pods without exceeding {@code maxTotal}. */
  private void scaleCurrent(ManagedReplicaSet current, int replicas, int maxTotal) {
    List<SimulatedPod> surplus = new ArrayList<>(current.pods());
    surplus.sort(deletionOrder);
    for (int i = 0; current.pods().size() > replicas; i++) {
      deletePod(surplus.get(i));
    }
    while (current.pods().size() < replicas && current.deployment().pods().size() < maxTotal) {
      createPod(current);
    }
  }

  private ManagedReplicaSet currentReplicaSet(ManagedDeployment deployment) {
    String hash = PodTemplateHash.of(deployment.latest().getSpec().getTemplate());
    ManagedReplicaSet current = deployment.replicaSet(hash);
    long maxRevision = deployment.maxRevision();
    if (current == null) {
      ReplicaSet replicaSet =
          createOrAdopt(WorkloadObjects.replicaSet(deployment.latest(), hash, maxRevision + 1));
      current = new ManagedReplicaSet(deployment, hash, replicaSet, maxRevision + 1);
      deployment.add(current);
    } else if (current.revision() != maxRevision) {
      // Going back to an earlier template reuses its ReplicaSet under a new revision number.
      current.revision(maxRevision + 1);
    }
    return current;
  }

  private ReplicaSet createOrAdopt(ReplicaSet replicaSet) {
    try {
      return writer.create(replicaSet);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return writer.update(
          new ReplicaSetBuilder(replicaSet)
              .editMetadata()
              .withResourceVersion(null)
              .endMetadata()
              .build(),
          latest -> new ReplicaSetBuilder(replicaSet).withMetadata(latest.getMetadata()).build());
    }
  }

  private void createPod(ManagedReplicaSet replicaSet) {
    String name = replicaSet.name() + "-" + suffixes.next();
    Pod created = writer.create(WorkloadObjects.pod(replicaSet.stored(), name));
    int port = BridgeContainer.of(created).map(BridgeContainer::port).orElse(0);
    // The embedded cluster has no node addresses: a pod's host IP is its own.
    String ip = addresses.allocate(port);
    SimulatedPod pod = new SimulatedPod(created, ++podSequence, ip, ip, timestamps.now());
    replicaSet.pods().add(pod);
    pods.put(pod.key(), pod);
    owners.put(pod, replicaSet);
    podsCreated.incrementAndGet();
    kubelet.admit(pod, step);
  }

  private void deletePod(SimulatedPod pod) {
    pods.remove(pod.key());
    owners.remove(pod).pods().remove(pod);
    kubelet.forget(pod);
    writer.deleteGracefully(pod.stored());
    terminations.start(pod.stored(), step + 1);
  }

  private void writeReplicaSet(ManagedReplicaSet replicaSet) {
    ReplicaSet stored = replicaSet.stored();
    int count = replicaSet.pods().size();
    int ready = replicaSet.readyPods();
    ReplicaSet desired =
        new ReplicaSetBuilder(stored)
            .editMetadata()
            .addToAnnotations(
                WorkloadObjects.REVISION_ANNOTATION, Long.toString(replicaSet.revision()))
            .endMetadata()
            .editSpec()
            .withReplicas(count)
            .endSpec()
            .build();
    if (!desired.equals(stored)) {
      ReplicaSet written =
          writer.update(
              desired,
              latest -> new ReplicaSetBuilder(desired).withMetadata(latest.getMetadata()).build());
      if (written == null) {
        return;
      }
      replicaSet.stored(written);
      stored = written;
    }
    ReplicaSetStatus status =
        new ReplicaSetStatusBuilder()
            .withReplicas(count)
            .withFullyLabeledReplicas(count == 0 ? null : count)
            .withReadyReplicas(ready == 0 ? null : ready)
            .withAvailableReplicas(ready == 0 ? null : ready)
            .withObservedGeneration(stored.getMetadata().getGeneration())
            .build();
    if (status.equals(stored.getStatus())) {
      return;
    }
    ReplicaSet written =
        writer.updateStatus(
            new ReplicaSetBuilder(stored).withStatus(status).build(),
            latest -> new ReplicaSetBuilder(latest).withStatus(status).build());
    if (written != null) {
      replicaSet.stored(written);
    }
  }

  /** The revision annotation on the object, the status through the status subresource. */
  private void writeStatus(
      ManagedDeployment deployment,
      ManagedReplicaSet current,
      int replicas,
      RollingUpdateBudget budget) {
    Deployment latest = deployment.latest();
    String revision = Long.toString(current.revision());
    Map<String, String> annotations = latest.getMetadata().getAnnotations();
    if (annotations == null
        || !revision.equals(annotations.get(WorkloadObjects.REVISION_ANNOTATION))) {
      latest =
          writer.update(withRevision(latest, revision), fresh -> withRevision(fresh, revision));
      if (latest == null) {
        return;
      }
      deployment.latest(latest);
    }
    DeploymentStatus status =
        DeploymentStatuses.of(deployment, current, replicas, budget, timestamps.now());
    if (status.equals(latest.getStatus())) {
      return;
    }
    Deployment written =
        writer.updateStatus(
            new DeploymentBuilder(latest).withStatus(status).build(),
            fresh -> new DeploymentBuilder(fresh).withStatus(status).build());
    if (written != null) {
      deployment.latest(written);
    }
  }

  private static Deployment withRevision(Deployment deployment, String revision) {
    return new DeploymentBuilder(deployment)
        .editMetadata()
        .addToAnnotations(WorkloadObjects.REVISION_ANNOTATION, revision)
        .endMetadata()
        .build();
  }

  private ManagedReplicaSet replicaSetOf(SimulatedPod pod) {
    return owners.get(pod);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
