package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.simulation.PodStatusListener;

/**
 * The cluster one fleet size is measured on: the embedded API server with the simulated cluster
 * ({@link EmbeddedBenchCluster}), or a real API server from a kubeconfig with simulated nodes
 * ({@link KubeconfigBenchCluster}). The floors and the operator are measured on the same one.
 */
interface BenchCluster extends AutoCloseable {
  /** The harness's client (the operator gets a client of its own with the same configuration). */
  KubernetesClient client();

  /** The namespace called {@code base} in this run, created on first use. */
  String namespace(String base);

  /** Tells {@code listener} of every pod status the simulated kubelets write from now on. */
  void onPodStatusWritten(PodStatusListener listener);

  /** Blocks until the simulation has run {@code steps} more steps. */
  void awaitSteps(int steps);

  /** What the figures were measured on, for the report. */
  String describe();

  @Override
  void close();
}
