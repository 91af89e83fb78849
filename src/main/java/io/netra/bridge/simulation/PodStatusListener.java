package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Told of every pod status the simulated kubelet has written, on the simulation thread: keep it
 * short. Benchmarks use it to learn the instant a failing status was sent.
 */
@FunctionalInterface
public interface PodStatusListener {

  /**
   * @param written the pod as stored by the API server
   * @param sentAtNanos {@link System#nanoTime()} just before the write request was sent
   */
  void written(Pod written, long sentAtNanos);
}
