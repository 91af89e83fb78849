package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The simulated node agent: advances the pods whose next transition is due, in a deterministic
 * order (step, then pod creation order), and writes a pod's status only when it changed, through
 * the status subresource as a real kubelet does.
 */
final class Kubelet implements AutoCloseable {

  private record Wakeup(long step, SimulatedPod pod) {}

  private final PriorityQueue<Wakeup> wakeups =
      new PriorityQueue<>(
          Comparator.comparingLong(Wakeup::step).thenComparingLong(w -> w.pod().sequence()));
  private final ContainerRuntime runtime;
  private final ApiWriter writer;
  private final BridgeEndpoints endpoints = new BridgeEndpoints();
  private volatile PodStatusListener listener = (pod, sentAtNanos) -> {};

  Kubelet(ContainerRuntime runtime, ApiWriter writer) {
    this.runtime = runtime;
    this.writer = writer;
  }

  /** A new pod: report it Pending and start its containers after the startup steps. */
  void admit(SimulatedPod pod, long step) {
    writeStatus(pod);
    pod.scheduleStart(step + runtime.settings().startupSteps());
    wakeups.add(new Wakeup(pod.wakeup(), pod));
  }

  /** Runs the transitions due at {@code step}; returns the pods whose readiness changed. */
  List<SimulatedPod> runDue(long step) {
    List<SimulatedPod> readinessChanged = new ArrayList<>();
    while (!wakeups.isEmpty() && wakeups.peek().step() <= step) {
      Wakeup due = wakeups.poll();
      SimulatedPod pod = due.pod();
      if (pod.gone() || pod.wakeup() != due.step()) {
        continue;
      }
      if (pod.advance(step, runtime)) {
        readinessChanged.add(pod);
      }
      writeStatus(pod);
      endpoints.sync(pod);
      if (pod.wakeup() > 0 && !pod.gone()) {
        wakeups.add(new Wakeup(pod.wakeup(), pod));
      }
    }
    return readinessChanged;
  }

  /** The pod's readiness probes start failing; the change is reported at {@code step}. */
  void failReadiness(SimulatedPod pod, long step) {
    if (!pod.gone()) {
      pod.failReadiness(step);
      wakeups.add(new Wakeup(pod.wakeup(), pod));
    }
  }

  /** The pod was deleted: its processes stop. */
  void forget(SimulatedPod pod) {
    pod.markGone();
    endpoints.sync(pod);
  }

  private void writeStatus(SimulatedPod pod) {
    PodStatus status = pod.status();
    if (status.equals(pod.stored().getStatus())) {
      return;
    }
    long sentAtNanos = System.nanoTime();
    Pod written =
        writer.updateStatus(
            new PodBuilder(pod.stored()).withStatus(status).build(),
            latest -> new PodBuilder(latest).withStatus(status).build());
    if (written == null) {
      forget(pod);
    } else {
      pod.stored(written);
      listener.written(written, sentAtNanos);
    }
  }

  void listener(PodStatusListener listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    endpoints.close();
  }
}
