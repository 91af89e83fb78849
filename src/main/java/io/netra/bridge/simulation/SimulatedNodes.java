package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Simulated nodes for a real control plane (kube-apiserver and kube-controller-manager, which run
 * Deployments, ReplicaSets and garbage collection themselves): they do only what nodes do. They
 * register Ready Node objects and renew their Leases, bind unscheduled pods of every namespace to
 * themselves in turn, run the pods bound to them as the simulated kubelet of {@link
 * SimulatedCluster} does (pod status through the status subresource), and confirm the deletion of
 * their pods once the API server marks them for deletion.
 *
 * <p>Unlike {@link SimulatedCluster}'s kubelet, a terminated container reports a termination
 * message only under {@code terminationMessagePolicy: FallbackToLogsOnError} (simulated images
 * write no termination-log file).
 */
public final class SimulatedNodes implements AutoCloseable {

  /** The nodes are named this, followed by 0, 1, ... */
  public static final String NODE_NAME_PREFIX = "wsb-sim-node-";

  /** What {@link #close} does with the Node objects. */
  public enum OnClose {
    /** Deletes the nodes and their leases (the API server then removes their pods). */
    DELETE_NODES,
    /** Leaves them: they turn NotReady once their leases expire. */
    KEEP_NODES
  }

  private final ApiWriter writer;
  private final NodeRegistration registration;
  private final Kubelet kubelet;
  private final NodePods pods;
  private final StepLoop loop;
  private final OnClose onClose;
  private SharedIndexInformer<Pod> podInformer;

  private SimulatedNodes(
      KubernetesClient client,
      SimulatedRegistry registry,
      SimulationSettings settings,
      List<String> names,
      OnClose onClose) {
    this.onClose = onClose;
    this.writer = new ApiWriter(client);
    this.registration = NodeRegistration.register(client, writer, settings.clock(), names);
    Timestamps timestamps = new Timestamps(settings.clock());
    ContainerRuntime runtime =
        new ContainerRuntime(
            client, registry, settings, timestamps, new KubeletEvents(client, timestamps));
    this.kubelet = new Kubelet(runtime, writer);
    this.pods =
        new NodePods(
            new LinkedHashSet<>(names),
            new RoundRobinScheduler(names, writer),
            kubelet,
            writer,
            new LoopbackAddresses(),
            timestamps,
            settings.step());
    this.loop = StepLoop.start("simulated-nodes", settings.step(), pods::step);
  }

  /**
   * Starts {@code nodes} simulated nodes named {@value #NODE_NAME_PREFIX}0, 1, ...; {@link #close}
   * deletes them.
   */
  public static SimulatedNodes start(
      KubernetesClient client, SimulatedRegistry registry, SimulationSettings settings, int nodes) {
    List<String> names = IntStream.range(0, nodes).mapToObj(i -> NODE_NAME_PREFIX + i).toList();
    return start(client, registry, settings, names, OnClose.DELETE_NODES);
  }

  /**
   * Starts simulated nodes named {@code nodeNames}. Simulations that share a cluster need nodes of
   * their own: each runs the pods bound to its nodes, and the first to bind a pod wins it.
   */
  public static SimulatedNodes start(
      KubernetesClient client,
      SimulatedRegistry registry,
      SimulationSettings settings,
      List<String> nodeNames,
      OnClose onClose) {
    Objects.requireNonNull(onClose, "onClose");
    if (nodeNames.isEmpty() || new HashSet<>(nodeNames).size() != nodeNames.size()) {
      throw new IllegalArgumentException("distinct node names are needed: " + nodeNames);
    }
    SimulatedNodes started =
        new SimulatedNodes(client, registry, settings, List.copyOf(nodeNames), onClose);
    try {
      // Resync 0: the informer relists by itself after 410 Gone; nothing needs periodic replays.
      started.podInformer = client.pods().inAnyNamespace().inform(started.new PodEvents(), 0);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The names of the Node objects, in order. */
  public List<String> nodeNames() {
    return registration.names();
  }

  /** How many pods the nodes run now (bound to them and not being deleted). */
  public int podsRunning() {
    return pods.running();
  }

  /** How many pods the scheduler has bound since the start. */
  public long podsBound() {
    return pods.bound();
  }

  /** How many writes (create, update, status, binding, delete) the nodes have sent to the API. */
  public long writes() {
    return writer.writes();
  }

  /** The number of steps run so far. */
  public long currentStep() {
    return loop.currentStep();
  }

  /** Tells {@code listener} of every pod status written from now on (replaces any previous one). */
  public void onPodStatusWritten(PodStatusListener listener) {
    kubelet.listener(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Stops the pods' processes and the heartbeats, and deletes the nodes unless told to keep them.
   */
  @Override
  public void close() {
    if (podInformer != null) {
      podInformer.close();
    }
    loop.close();
    kubelet.close();
    if (onClose == OnClose.DELETE_NODES) {
      registration.closeAndDeregister();
    } else {
      registration.close();
    }
  }

  private final class PodEvents implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      loop.enqueue(() -> pods.observed(pod));
    }

    @Override
    public void onUpdate(Pod before, Pod pod) {
      loop.enqueue(() -> pods.observed(pod));
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      loop.enqueue(() -> pods.deleted(pod));
    }
  }
}
