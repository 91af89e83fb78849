package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Deployments shaped like the ones the operator renders, and probes of the simulated pods. */
final class BridgeFixtures {

  static final String IMAGE = "localhost:5000/team/bridge";
  static final String CONFIG_MAP = "bridge-config";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private BridgeFixtures() {}

  static ConfigMap configMap(String namespace, String yaml) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(CONFIG_MAP)
        .withNamespace(namespace)
        .endMetadata()
        .withData(Map.of("bridge.yaml", yaml))
        .build();
  }

  static Deployment bridge(String namespace, String name, String image, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .addToAnnotations("bridge.netra.io/config-hash", "unused-by-the-simulation")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("bridge")
        .withImage(image)
        // As the operator renders it: the kubelet reports the log tail of a failed container.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .addNewPort()
        .withName("ws")
        .withContainerPort(8080)
        .endPort()
        .addNewEnv()
        .withName("BRIDGE_CONFIG_FILE")
        .withValue("/etc/websocket-bridge/bridge.yaml")
        .endEnv()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/etc/websocket-bridge")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName(CONFIG_MAP)
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static ContainerStatus bridgeStatus(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> "bridge".equals(s.getName()))
        .findFirst()
        .orElse(null);
  }

  static String waitingReason(Pod pod) {
    ContainerStatus status = bridgeStatus(pod);
    return status == null || status.getState().getWaiting() == null
        ? null
        : status.getState().getWaiting().getReason();
  }

  static HttpResponse<String> get(Pod pod, String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + pod.getStatus().getPodIP() + ":8080" + path);
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
