package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A pod on the simulated node: its containers, its IP, and the last version written to the API. */
final class SimulatedPod {

  private final long sequence;
  private final String ip;
  private final String hostIp;
  private final String createdAt;
  private final List<ContainerSimulation> containers = new ArrayList<>();
  private final long[] containerWakeups;
  private Pod stored;
  private boolean ready;
  private String readyChangedAt;
  private long wakeup = -1;
  private boolean gone;
  private BridgeEndpoint endpoint;

  /**
   * @param ip the pod's own address, where its bridge endpoint listens
   * @param hostIp the address of the node it runs on
   */
  SimulatedPod(Pod stored, long sequence, String ip, String hostIp, String createdAt) {
    this.stored = stored;
    this.sequence = sequence;
    this.ip = ip;
    this.hostIp = hostIp;
    this.createdAt = createdAt;
    this.readyChangedAt = createdAt;
    stored
        .getSpec()
        .getContainers()
        .forEach(c -> containers.add(new ContainerSimulation(c, stored)));
    this.containerWakeups = new long[containers.size()];
  }

  /** Schedules every container's first transition (the start after ContainerCreating). */
  void scheduleStart(long step) {
    java.util.Arrays.fill(containerWakeups, step);
    wakeup = step;
  }

  /**
   * Every container's readiness probe fails from now on; those running are looked at at {@code
   * step}.
   */
  void failReadiness(long step) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).failReadiness() && containerWakeups[i] == 0) {
        containerWakeups[i] = step;
      }
    }
    wakeup = wakeup > 0 ? Math.min(wakeup, step) : step;
  }

  /** Advances the containers due at {@code step}; returns true when pod readiness changed. */
  boolean advance(long step, ContainerRuntime runtime) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < containers.size(); i++) {
      if (containerWakeups[i] > 0 && containerWakeups[i] <= step) {
        int delay = containers.get(i).advance(runtime, stored);
        containerWakeups[i] = delay == ContainerSimulation.NEVER ? 0 : step + delay;
      }
      if (containerWakeups[i] > 0) {
        next = Math.min(next, containerWakeups[i]);
      }
    }
    wakeup = next == Long.MAX_VALUE ? -1 : next;
    boolean nowReady = containers.stream().allMatch(ContainerSimulation::ready);
    if (nowReady != ready) {
      ready = nowReady;
      readyChangedAt = runtime.timestamps().now();
      return true;
    }
    return false;
  }

  PodStatus status() {
    boolean started = containers.stream().anyMatch(ContainerSimulation::hasStarted);
    String unready =
        containers.stream()
            .filter(c -> !c.ready())
            .map(ContainerSimulation::name)
            .collect(Collectors.joining(" ", "containers with unready status: [", "]"));
    return new PodStatusBuilder()
        .withPhase(started ? "Running" : "Pending")
        .withConditions(
            condition("PodReadyToStartContainers", true, createdAt, null),
            condition("Initialized", true, createdAt, null),
            condition("Ready", ready, readyChangedAt, ready ? null : unready),
            condition("ContainersReady", ready, readyChangedAt, ready ? null : unready),
            condition("PodScheduled", true, createdAt, null))
        .withHostIP(hostIp)
        .withHostIPs(new HostIP(hostIp))
        .withPodIP(ip)
        .withPodIPs(new PodIP(ip))
        .withStartTime(createdAt)
        .withQosClass(qosClass())
        .withContainerStatuses(containers.stream().map(ContainerSimulation::status).toList())
        .build();
  }

  /** A real API server sets the QoS class when it creates the pod, and it never changes. */
  private String qosClass() {
    PodStatus current = stored.getStatus();
    return current != null && current.getQosClass() != null ? current.getQosClass() : "BestEffort";
  }

  private static PodCondition condition(String type, boolean status, String since, String message) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(since)
        .withReason(message == null ? null : "ContainersNotReady")
        .withMessage(message)
        .build();
  }

  ContainerSimulation bridgeContainer() {
    return containers.stream().filter(ContainerSimulation::isBridge).findFirst().orElse(null);
  }

  long sequence() {
    return sequence;
  }

  String ip() {
    return ip;
  }

  String name() {
    return stored.getMetadata().getName();
  }

  String namespace() {
    return stored.getMetadata().getNamespace();
  }

  String key() {
    return namespace() + "/" + name();
  }

  Pod stored() {
    return stored;
  }

  void stored(Pod stored) {
    this.stored = stored;
  }

  boolean ready() {
    return ready;
  }

  long wakeup() {
    return wakeup;
  }

  boolean gone() {
    return gone;
  }

  void markGone() {
    gone = true;
  }

  BridgeEndpoint endpoint() {
    return endpoint;
  }

  void endpoint(BridgeEndpoint endpoint) {
    this.endpoint = endpoint;
  }
}
