package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes the bridges' configured endpoints. All of them share one small executor that
 * runs the request handlers.
 */
final class BridgeEndpoints implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeEndpoints.class);
  private static final int HANDLER_THREADS = 2;

  private final AtomicInteger threads = new AtomicInteger();
  private final ExecutorService handlers =
      Executors.newFixedThreadPool(
          HANDLER_THREADS,
          task -> {
            Thread thread = new Thread(task, "sim-endpoint-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private final Set<BridgeEndpoint> open = new HashSet<>();

  /** Opens, updates or closes the pod's endpoint to match its bridge container. */
  void sync(SimulatedPod pod) {
    ContainerSimulation bridge = pod.bridgeContainer();
    boolean serving =
        bridge != null && bridge.serving() && bridge.reachableByOperator() && !pod.gone();
    BridgeEndpoint endpoint = pod.endpoint();
    if (!serving) {
      if (endpoint != null) {
        endpoint.stop();
        open.remove(endpoint);
        pod.endpoint(null);
      }
      return;
    }
    if (endpoint == null) {
      endpoint = open(pod);
      if (endpoint == null) {
        return;
      }
      open.add(endpoint);
      pod.endpoint(endpoint);
    }
    endpoint.answer(bridge.endpointAnswer(), bridge.ready());
  }

  private BridgeEndpoint open(SimulatedPod pod) {
    Container container = BridgeContainer.of(pod.stored()).orElseThrow();
    int port = BridgeContainer.port(container);
    try {
      return BridgeEndpoint.bind(
          pod.ip(), port, BridgeContainer.configuredPath(container), handlers);
    } catch (IOException e) {
      LOG.warn("cannot serve pod {} on {}:{}", pod.key(), pod.ip(), port, e);
      return null;
    }
  }

  @Override
  public void close() {
    open.forEach(BridgeEndpoint::stop);
    open.clear();
    handlers.shutdownNow();
  }
}
