package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** Where the bridge container of a pod spec says it serves and reads its configuration. */
final class BridgeContainer {

  static final String NAME = "bridge";
  static final String PORT_NAME = "ws";
  static final int DEFAULT_PORT = 8080;
  static final String CONFIGURED_PATH_ENV = "BRIDGE_CONFIGURED_PATH";
  static final String DEFAULT_CONFIGURED_PATH = "/health/config";
  static final String CONFIG_FILE_ENV = "BRIDGE_CONFIG_FILE";
  static final String DEFAULT_CONFIG_FILE = "/etc/websocket-bridge/bridge.yaml";

  private BridgeContainer() {}

  static Optional<Container> of(Pod pod) {
    return pod.getSpec().getContainers().stream().filter(c -> NAME.equals(c.getName())).findFirst();
  }

  static int port(Container container) {
    return container.getPorts().stream()
        .filter(p -> PORT_NAME.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(DEFAULT_PORT);
  }

  static String configuredPath(Container container) {
    return env(container, CONFIGURED_PATH_ENV).orElse(DEFAULT_CONFIGURED_PATH);
  }

  static String configFile(Pod pod) {
    return of(pod).flatMap(c -> env(c, CONFIG_FILE_ENV)).orElse(DEFAULT_CONFIG_FILE);
  }

  private static Optional<String> env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> name.equals(e.getName()) && e.getValue() != null)
        .map(EnvVar::getValue)
        .findFirst();
  }
}
