package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pods the API server marked for deletion whose removal the kubelet confirms (a delete with
 * grace 0) once their containers have stopped: after {@link GracefulDeletion#stepsFor} steps.
 */
final class Terminations {

  private record Termination(Pod pod, long dueStep, boolean confirmed) {}

  private final ApiWriter writer;
  private final Duration stepDuration;
  private final Map<String, Termination> byUid = new LinkedHashMap<>();

  Terminations(ApiWriter writer, Duration stepDuration) {
    this.writer = writer;
    this.stepDuration = stepDuration;
  }

  /** The containers of {@code pod} were told to stop at {@code step}. */
  void start(Pod pod, long step) {
    byUid.putIfAbsent(
        pod.getMetadata().getUid(),
        new Termination(pod, step + GracefulDeletion.stepsFor(pod, stepDuration), false));
  }

  boolean contains(String uid) {
    return byUid.containsKey(uid);
  }

  /** The API says the pod is gone. */
  void forget(String uid) {
    byUid.remove(uid);
  }

  void confirmDue(long now) {
    for (Map.Entry<String, Termination> entry : byUid.entrySet()) {
      Termination termination = entry.getValue();
      if (!termination.confirmed() && termination.dueStep() <= now) {
        writer.deleteNow(termination.pod());
        // Kept until the API says it is gone, so later events of the pod do not start it again.
        entry.setValue(new Termination(termination.pod(), termination.dueStep(), true));
      }
    }
  }
}
