package io.netra.bridge.runtime.benchmark;

import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.nio.file.Path;

/** Where each fleet size is measured: opens a fresh {@link BenchCluster} per size. */
@FunctionalInterface
interface BenchTarget {
  BenchCluster open(SimulatedRegistry registry, SimulationSettings settings);

  /** A fresh embedded API server with the simulated cluster (the default). */
  static BenchTarget embedded() {
    return EmbeddedBenchCluster::new;
  }

  /** The cluster of {@code kubeconfig}, with simulated nodes (namespaces of their own per size). */
  static BenchTarget kubeconfig(Path kubeconfig) {
    return (registry, settings) -> new KubeconfigBenchCluster(kubeconfig, registry, settings);
  }
}
