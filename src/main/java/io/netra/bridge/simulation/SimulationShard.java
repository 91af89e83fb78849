package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A share of the simulated cluster: the Deployment controller and kubelet for the Deployments
 * assigned to it, driven by one thread in steps. API events are queued and applied at the start of
 * the next step, so each step works on a consistent view and only touches what changed. A
 * Deployment belongs to one shard for its whole life, so everything about it happens in order on
 * one thread; shards run side by side as a real cluster's controller workers and kubelets do.
 */
final class SimulationShard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulationShard.class);

  private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService loop;
  private final ApiWriter writer;
  private final Kubelet kubelet;
  private final DeploymentController controller;
  private volatile long step;

  SimulationShard(
      int index,
      KubernetesClient client,
      SimulatedRegistry registry,
      SimulationSettings settings,
      LoopbackAddresses addresses) {
    Timestamps timestamps = new Timestamps(settings.clock());
    this.writer = new ApiWriter(client);
    this.kubelet =
        new Kubelet(new ContainerRuntime(client, registry, settings, timestamps), writer);
    this.controller = new DeploymentController(writer, kubelet, timestamps, addresses);
    String name = index == 0 ? "simulated-cluster" : "simulated-cluster-" + index;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    long periodNanos = settings.step().toNanos();
    loop.scheduleWithFixedDelay(this::step, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }

  void observed(Deployment deployment) {
    events.add(() -> controller.observed(deployment));
  }

  void deleted(Deployment deployment) {
    events.add(() -> controller.deleted(deployment));
  }

  void podDeleted(String namespace, String name) {
    events.add(() -> controller.podDeleted(namespace, name));
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
    return step;
  }

  private void step() {
    try {
      long now = step + 1;
      for (Runnable event = events.poll(); event != null; event = events.poll()) {
        event.run();
      }
      kubelet.runDue(now).forEach(controller::podReadinessChanged);
      controller.reconcileChanged(now);
      step = now;
    } catch (RuntimeException e) {
      // A failed write (API down, timeout) must not stop the simulation: the next event retries.
      LOG.warn("simulation step failed", e);
      step = step + 1;
    }
  }

  @Override
  public void close() {
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kubelet.close();
  }
}
