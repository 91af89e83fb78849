package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A share of the simulated cluster: the Deployment controller and kubelet for the Deployments
 * assigned to it, driven by one {@link StepLoop}. A Deployment belongs to one shard for its whole
 * life, so everything about it happens in order on one thread; shards run side by side as a real
 * cluster's controller workers and kubelets do.
 */
final class SimulationShard implements AutoCloseable {

  private final ApiWriter writer;
  private final Kubelet kubelet;
  private final DeploymentController controller;
  private final StepLoop loop;

  SimulationShard(
      int index,
      KubernetesClient client,
      SimulatedRegistry registry,
      SimulationSettings settings,
      LoopbackAddresses addresses) {
    Timestamps timestamps = new Timestamps(settings.clock());
    this.writer = new ApiWriter(client);
    ContainerRuntime runtime =
        new ContainerRuntime(
            client, registry, settings, timestamps, new KubeletEvents(client, timestamps));
    this.kubelet = new Kubelet(runtime, writer);
    this.controller =
        new DeploymentController(writer, kubelet, timestamps, addresses, settings.step());
    String name = index == 0 ? "simulated-cluster" : "simulated-cluster-" + index;
    this.loop = StepLoop.start(name, settings.step(), this::step);
  }

  void observed(Deployment deployment) {
    loop.enqueue(() -> controller.observed(deployment));
  }

  void deleted(Deployment deployment) {
    loop.enqueue(() -> controller.deleted(deployment));
  }

  /** The pod was marked for deletion ({@code gone} false) or removed from the API. */
  void podDeleted(Pod pod, boolean gone) {
    loop.enqueue(() -> controller.podDeleted(pod, gone));
  }

  void failReadiness(String namespace, String name) {
    loop.enqueue(() -> controller.failReadiness(namespace, name));
  }

  void listener(PodStatusListener listener) {
    kubelet.listener(listener);
  }

  int podsCreated() {
    return controller.podsCreated();
  }

  long writes() {
    return writer.writes();
  }

  long currentStep() {
    return loop.currentStep();
  }

  private void step(long now) {
    kubelet.runDue(now).forEach(controller::podReadinessChanged);
    controller.reconcileChanged(now);
  }

  @Override
  public void close() {
    loop.close();
    kubelet.close();
  }
}
