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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated cluster on top of an API server without controllers: it plays the Deployment
 * controller and the kubelet of one node. One thread drives everything in steps; API events are
 * queued and applied at the start of the next step, so each step works on a consistent view and
 * only touches what changed.
 */
public final class SimulatedCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);

  private final KubernetesClient client;
  private final SimulationSettings settings;
  private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "simulated-cluster");
            thread.setDaemon(true);
            return thread;
          });
  private final ApiWriter writer;
  private final Kubelet kubelet;
  private final DeploymentController controller;
  private SharedIndexInformer<Deployment> deploymentInformer;
  private Watch podWatch;
  private volatile long step;

  private SimulatedCluster(
      KubernetesClient client, SimulatedRegistry registry, SimulationSettings settings) {
    this.client = client;
    this.settings = settings;
    Timestamps timestamps = new Timestamps(settings.clock());
    this.writer = new ApiWriter(client);
    this.kubelet =
        new Kubelet(new ContainerRuntime(client, registry, settings, timestamps), writer);
    this.controller = new DeploymentController(writer, kubelet, timestamps);
  }

  /** Starts watching Deployments in all namespaces and stepping the simulation. */
  public static SimulatedCluster start(
      KubernetesClient client, SimulatedRegistry registry, SimulationSettings settings) {
    SimulatedCluster cluster = new SimulatedCluster(client, registry, settings);
    cluster.podWatch = client.pods().inAnyNamespace().watch(cluster.new PodDeletions());
    cluster.deploymentInformer =
        client.apps().deployments().inAnyNamespace().inform(cluster.new DeploymentEvents(), 0);
    long periodNanos = settings.step().toNanos();
    cluster.loop.scheduleWithFixedDelay(
        cluster::step, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    return cluster;
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
    kubelet.listener(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** How many pods the Deployment controller has created since the start. */
  public int podsCreated() {
    return controller.podsCreated();
  }

  /** How many writes (create, update, delete) the simulation has sent to the API. */
  public long writes() {
    return writer.writes();
  }

  /** The number of steps run so far. */
  public long currentStep() {
    return step;
  }

  /** Blocks until {@code steps} more steps have run. */
  public void awaitSteps(int steps) {
    long target = step + steps;
    long deadline = System.nanoTime() + settings.step().multipliedBy(steps * 20L + 50).toNanos();
    while (step < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulation is not stepping");
      }
      sleep(settings.step().dividedBy(4));
    }
  }

  private void step() {
    try {
      long now = step + 1;
      for (Runnable event = events.poll(); event != null; event = events.poll()) {
        event.run();
      }
      kubelet.runDue(now).forEach(controller::podReadinessChanged);
      controller.reconcileChanged(now);
      step = now;
    } catch (RuntimeException e) {
      // A failed write (API down, timeout) must not stop the simulation: the next event retries.
      LOG.warn("simulation step failed", e);
      step = step + 1;
    }
  }

  @Override
  public void close() {
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (deploymentInformer != null) {
      deploymentInformer.close();
    }
    if (podWatch != null) {
      podWatch.close();
    }
    kubelet.close();
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
      events.add(() -> controller.observed(deployment));
    }

    @Override
    public void onUpdate(Deployment before, Deployment deployment) {
      events.add(() -> controller.observed(deployment));
    }

    @Override
    public void onDelete(Deployment deployment, boolean finalStateUnknown) {
      events.add(() -> controller.deleted(deployment));
    }
  }

  private final class PodDeletions implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod pod) {
      if (action == Action.DELETED) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        events.add(() -> controller.podDeleted(namespace, name));
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      LOG.warn("pod watch closed", cause);
    }
  }
}
