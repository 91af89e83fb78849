package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * What a container finds in the pod's configMap volumes when it starts: either a volume the kubelet
 * cannot mount (a ConfigMap that is missing: the pod stays in ContainerCreating), or the {@code
 * bridge.yaml} file if one of them has it.
 */
record MountedConfig(Optional<MountFailure> mountFailure, Optional<String> bridgeYaml) {

  /** A volume that cannot be mounted, and the kubelet's {@code FailedMount} message. */
  record MountFailure(String volume, String message) {}

  static final String BRIDGE_CONFIG_KEY = "bridge.yaml";

  /** Reads the pod's configMap volumes from the API, as the kubelet does at container start. */
  static MountedConfig read(KubernetesClient client, Pod pod) {
    String bridgeYaml = null;
    for (Volume volume : pod.getSpec().getVolumes()) {
      ConfigMapVolumeSource source = volume.getConfigMap();
      if (source == null) {
        continue;
      }
      ConfigMap configMap =
          client
              .configMaps()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(source.getName())
              .get();
      if (configMap == null) {
        if (Boolean.TRUE.equals(source.getOptional())) {
          continue;
        }
        String message =
            "MountVolume.SetUp failed for volume \""
                + volume.getName()
                + "\" : configmap \""
                + source.getName()
                + "\" not found";
        return new MountedConfig(
            Optional.of(new MountFailure(volume.getName(), message)), Optional.empty());
      }
      if (bridgeYaml == null && configMap.getData() != null) {
        bridgeYaml = configMap.getData().get(BRIDGE_CONFIG_KEY);
      }
    }
    return new MountedConfig(Optional.empty(), Optional.ofNullable(bridgeYaml));
  }

  /** The hash the bridge reports for the file it loaded: 16 hex chars of its SHA-256. */
  static String configHash(String bridgeYaml) {
    return SimulatedRegistry.sha256Hex(bridgeYaml).substring(0, 16);
  }
}
