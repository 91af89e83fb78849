package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The watch floor: a plain client changes the status of a probe pod the operator does not manage,
 * and a plain informer sees it; one sample is the time from just before the write to the informer's
 * event, in ms.
 */
final class WatchFloor implements AutoCloseable {
  static final String UNSCHEDULED = "websocket-bridge-bench-unscheduled";

  private final BenchEnvironment env;
  private final String name;
  private final ObjectWatch<Pod> pods;
  private Pod probe;
  private int written;

  WatchFloor(BenchEnvironment env, String namespaceBase, String name, Duration timeout) {
    this.env = env;
    this.name = name;
    String namespace = env.namespace(namespaceBase);
    this.probe =
        env.client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    // No scheduler serves this name: the pod stays Pending and no kubelet writes
                    // its status, so every change the watch sees is the floor's own.
                    .withSchedulerName(UNSCHEDULED)
                    .addNewContainer()
                    .withName("probe")
                    .withImage("bench.local/probe:1")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    this.pods = new ObjectWatch<>(env.client.pods().inNamespace(namespace), namespace);
    Timing.await(pods.when(name, p -> true), timeout);
  }

  double sample(Duration timeout) {
    String marker = name + "-" + written++;
    CompletableFuture<Long> seen =
        pods.when(name, p -> p.getStatus() != null && marker.equals(p.getStatus().getMessage()));
    Pod changed = new PodBuilder(probe).editOrNewStatus().withMessage(marker).endStatus().build();
    long start = System.nanoTime();
    // Through the status subresource, as a kubelet writes: a real API server ignores status sent
    // on the main resource.
    probe = env.client.resource(changed).updateStatus();
    return Timing.millisSince(start, Timing.await(seen, timeout));
  }

  List<Double> samples(int count, Duration timeout) {
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      latencies.add(sample(timeout));
    }
    return latencies;
  }

  @Override
  public void close() {
    pods.close();
    env.client.resource(probe).delete();
  }
}
