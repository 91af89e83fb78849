package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What containers need from the node: the registry, the API (for volumes, Secrets and Events) and
 * the clock.
 */
record ContainerRuntime(
    KubernetesClient client,
    SimulatedRegistry registry,
    SimulationSettings settings,
    Timestamps timestamps,
    KubeletEvents events) {

  MountedConfig mountedConfig(Pod pod) {
    return MountedConfig.read(client, pod);
  }

  /** Doubling back-off in steps (1, 2, 4, ...) capped by the settings. */
  int backOffSteps(int failures) {
    int exponent = Math.min(Math.max(failures - 1, 0), 20);
    return Math.min(1 << exponent, settings.maxBackOffSteps());
  }
}
