package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated nodes do with pods on a real control plane: schedule the unscheduled ones, run
 * those bound to them on the {@link Kubelet}, and confirm the deletion of those the API server
 * marked for deletion. Everything runs on one {@link StepLoop}: API events arrive through {@link
 * #observed} and {@link #deleted} at the start of a step, then {@link #step} acts on them.
 */
final class NodePods {
  static final String DEFAULT_SCHEDULER = "default-scheduler";

  private final Set<String> nodes;
  private final RoundRobinScheduler scheduler;
  private final Kubelet kubelet;
  private final LoopbackAddresses addresses;
  private final Timestamps timestamps;
  private final Map<String, Pod> unscheduled = new LinkedHashMap<>();
  private final Map<String, Pod> arrived = new LinkedHashMap<>();
  private final Map<String, SimulatedPod> running = new LinkedHashMap<>();
  private final Terminations terminating;
  private long lastStep;
  private long podSequence;
  private volatile int runningCount;

  NodePods(
      Set<String> nodes,
      RoundRobinScheduler scheduler,
      Kubelet kubelet,
      ApiWriter writer,
      LoopbackAddresses addresses,
      Timestamps timestamps,
      Duration stepDuration) {
    this.nodes = Set.copyOf(nodes);
    this.scheduler = scheduler;
    this.kubelet = kubelet;
    this.addresses = addresses;
    this.timestamps = timestamps;
    this.terminating = new Terminations(writer, stepDuration);
  }

  /** A pod was added or changed in the API. */
  void observed(Pod pod) {
    String uid = pod.getMetadata().getUid();
    String node = pod.getSpec().getNodeName();
    boolean scheduled = node != null && !node.isEmpty();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      unscheduled.remove(uid);
      arrived.remove(uid);
      if (scheduled && nodes.contains(node)) {
        terminate(uid, pod);
      }
      return;
    }
    if (!scheduled) {
      if (forTheDefaultScheduler(pod)) {
        unscheduled.put(uid, pod);
      }
      return;
    }
    unscheduled.remove(uid);
    if (nodes.contains(node) && !running.containsKey(uid) && !finished(pod)) {
      arrived.put(uid, pod);
    }
  }

  /** Like kube-scheduler, leaves pods that name another scheduler to it. */
  static boolean forTheDefaultScheduler(Pod pod) {
    String scheduler = pod.getSpec().getSchedulerName();
    return scheduler == null || scheduler.isEmpty() || DEFAULT_SCHEDULER.equals(scheduler);
  }

  /** A pod was removed from the API: its processes stop, and the node forgets it. */
  void deleted(Pod pod) {
    String uid = pod.getMetadata().getUid();
    unscheduled.remove(uid);
    arrived.remove(uid);
    terminating.forget(uid);
    SimulatedPod simulated = running.remove(uid);
    if (simulated != null) {
      kubelet.forget(simulated);
    }
  }

  void step(long now) {
    lastStep = now;
    unscheduled.values().removeIf(scheduler::schedule);
    arrived.values().forEach(pod -> admit(pod, now));
    arrived.clear();
    kubelet.runDue(now);
    terminating.confirmDue(now);
    runningCount = running.size();
  }

  private void admit(Pod pod, long now) {
    int port = BridgeContainer.of(pod).map(BridgeContainer::port).orElse(0);
    SimulatedPod simulated =
        new SimulatedPod(
            pod, ++podSequence, addresses.allocate(port), NodeObjects.NODE_IP, timestamps.now());
    running.put(pod.getMetadata().getUid(), simulated);
    kubelet.admit(simulated, now);
  }

  /**
   * The API server keeps a pod marked for deletion until its node confirms: stop its processes at
   * once, confirm after its (bounded) grace period.
   */
  private void terminate(String uid, Pod pod) {
    if (terminating.contains(uid)) {
      return;
    }
    SimulatedPod simulated = running.remove(uid);
    if (simulated != null) {
      kubelet.forget(simulated);
    }
    // Events run at the start of the step after the last one.
    terminating.start(pod, lastStep + 1);
  }

  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  int running() {
    return runningCount;
  }

  long bound() {
    return scheduler.bound();
  }
}
