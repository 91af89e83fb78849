package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated cluster on top of an API server without controllers: it plays the Deployment
 * controller and the kubelets. Deployments are spread over {@link SimulationSettings#shards()}
 * shards by namespace and name; each shard steps its own Deployments on its own thread (see {@link
 * SimulationShard}), so one Deployment's history is deterministic whatever the others do.
 */
public final class SimulatedCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);

  private final KubernetesClient client;
  private final SimulationSettings settings;
  private final List<SimulationShard> shards;
  private SharedIndexInformer<Deployment> deploymentInformer;
  private Watch podWatch;

  private SimulatedCluster(
      KubernetesClient client, SimulatedRegistry registry, SimulationSettings settings) {
    this.client = client;
    this.settings = settings;
    LoopbackAddresses addresses = new LoopbackAddresses();
    this.shards =
        IntStream.range(0, settings.shards())
            .mapToObj(i -> new SimulationShard(i, client, registry, settings, addresses))
            .toList();
  }

  /** Starts watching Deployments in all namespaces and stepping the simulation. */
  public static SimulatedCluster start(
      KubernetesClient client, SimulatedRegistry registry, SimulationSettings settings) {
    SimulatedCluster cluster = new SimulatedCluster(client, registry, settings);
    cluster.podWatch = client.pods().inAnyNamespace().watch(cluster.new PodDeletions());
    cluster.deploymentInformer =
        client.apps().deployments().inAnyNamespace().inform(cluster.new DeploymentEvents(), 0);
    return cluster;
  }

  private SimulationShard shardOf(Deployment deployment) {
    String key = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    return shards.get(Math.floorMod(key.hashCode(), shards.size()));
  }

  /** The pods of a Deployment as stored in the API, oldest first. */
  public List<Pod> pods(String namespace, String deploymentName) {
    Set<String> replicaSets =
        client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
            .filter(rs -> ownedBy(rs, "Deployment", deploymentName))
            .map(rs -> rs.getMetadata().getName())
            .collect(Collectors.toSet());
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(pod -> replicaSets.stream().anyMatch(rs -> ownedBy(pod, "ReplicaSet", rs)))
        .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()))
        .toList();
  }

  /** Tells {@code listener} of every pod status written from now on (replaces any previous one). */
  public void onPodStatusWritten(PodStatusListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    shards.forEach(shard -> shard.listener(listener));
  }

  /**
   * The pod's readiness probes fail from now on, as when a dependency of its process goes down: the
   * kubelet reports it not Ready, through the status subresource.
   */
  public void failReadiness(String namespace, String podName) {
    shards.forEach(shard -> shard.failReadiness(namespace, podName));
  }

  /** How many pods the Deployment controller has created since the start. */
  public int podsCreated() {
    return shards.stream().mapToInt(SimulationShard::podsCreated).sum();
  }

  /** How many writes (create, update, delete) the simulation has sent to the API. */
  public long writes() {
    return shards.stream().mapToLong(SimulationShard::writes).sum();
  }

  /** The number of steps run so far (by the slowest shard). */
  public long currentStep() {
    return shards.stream().mapToLong(SimulationShard::currentStep).min().orElse(0);
  }

  /** Blocks until every shard has run {@code steps} more steps. */
  public void awaitSteps(int steps) {
    long[] targets = shards.stream().mapToLong(shard -> shard.currentStep() + steps).toArray();
    long deadline = System.nanoTime() + settings.step().multipliedBy(steps * 20L + 50).toNanos();
    while (IntStream.range(0, targets.length)
        .anyMatch(i -> shards.get(i).currentStep() < targets[i])) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulation is not stepping");
      }
      sleep(settings.step().dividedBy(4));
    }
  }

  @Override
  public void close() {
    shards.forEach(SimulationShard::close);
    if (deploymentInformer != null) {
      deploymentInformer.close();
    }
    if (podWatch != null) {
      podWatch.close();
    }
  }

  private static boolean ownedBy(HasMetadata object, String kind, String name) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream().anyMatch(o -> kind.equals(o.getKind()) && name.equals(o.getName()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(Math.max(1, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private final class DeploymentEvents implements ResourceEventHandler<Deployment> {
    @Override
    public void onAdd(Deployment deployment) {
      shardOf(deployment).observed(deployment);
    }

    @Override
    public void onUpdate(Deployment before, Deployment deployment) {
      shardOf(deployment).observed(deployment);
    }

    @Override
    public void onDelete(Deployment deployment, boolean finalStateUnknown) {
      shardOf(deployment).deleted(deployment);
    }
  }

  private final class PodDeletions implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod pod) {
      boolean gone = action == Action.DELETED;
      if (gone || pod.getMetadata().getDeletionTimestamp() != null) {
        // Which Deployment the pod belonged to is the shards' knowledge: each handles its own.
        shards.forEach(shard -> shard.podDeleted(pod, gone));
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      LOG.warn("pod watch closed", cause);
    }
  }
}
