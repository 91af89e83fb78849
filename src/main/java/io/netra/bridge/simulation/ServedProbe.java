package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a bridge container's readiness probe can ever pass: its {@code httpGet} must ask the port
 * the simulated bridge listens on (named or numeric, resolved against the container's ports) for a
 * path it serves. A probe that asks anything else gets no answer or a 404, so the container runs
 * but never becomes Ready.
 */
final class ServedProbe {

  static final String READINESS_PATH = "/health/ready";
  static final String LIVENESS_PATH = "/health/live";

  private ServedProbe() {}

  /** The paths the simulated bridge answers 200 on while healthy. */
  static Set<String> servedPaths(Container bridge) {
    return Set.of(READINESS_PATH, LIVENESS_PATH, BridgeContainer.configuredPath(bridge));
  }

  /** True when the container has no readiness probe, or one the simulated bridge answers. */
  static boolean readinessCanPass(Container bridge) {
    Probe probe = bridge.getReadinessProbe();
    if (probe == null || probe.getHttpGet() == null) {
      return true;
    }
    HTTPGetAction get = probe.getHttpGet();
    String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
    Optional<Integer> port = resolve(get.getPort(), bridge);
    return port.isPresent()
        && port.get() == BridgeContainer.port(bridge)
        && servedPaths(bridge).contains(path);
  }

  private static Optional<Integer> resolve(IntOrString port, Container container) {
    if (port == null) {
      return Optional.empty();
    }
    if (port.getStrVal() == null) {
      return Optional.ofNullable(port.getIntVal());
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst();
  }
}
