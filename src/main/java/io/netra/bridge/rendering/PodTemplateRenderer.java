package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the bridge pod template (without the revision label, which is its hash). */
final class PodTemplateRenderer {
  static final String CONFIG_VOLUME = "config";
  static final String TMP_VOLUME = "tmp";
  private static final long GRACE_BEYOND_DRAIN_SECONDS = 10;

  private PodTemplateRenderer() {}

  static PodTemplateSpec render(WebSocketBridge bridge, RenderedConfig config) {
    String name = bridge.getMetadata().getName();
    WebSocketBridgeSpec spec = bridge.getSpec();

    Map<String, String> labels = new LinkedHashMap<>(spec.pod.labels);
    labels.putAll(BridgeNames.ownedLabels(name));
    Map<String, String> annotations = new LinkedHashMap<>(spec.pod.annotations);
    annotations.put(BridgeNames.ANNOTATION_CONFIG_HASH, config.hash());

    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(spec.pod.serviceAccountName)
        .withAutomountServiceAccountToken(spec.pod.serviceAccountName != null)
        .withImagePullSecrets(
            spec.imagePullSecrets.stream().map(LocalObjectReference::new).toList())
        .withNodeSelector(spec.pod.nodeSelector.isEmpty() ? null : spec.pod.nodeSelector)
        .withTolerations(spec.pod.tolerations)
        .withAffinity(spec.pod.affinity)
        .withTerminationGracePeriodSeconds(spec.rollout.drainSeconds + GRACE_BEYOND_DRAIN_SECONDS)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewVolume()
        .withName(CONFIG_VOLUME)
        .withNewConfigMap()
        .withName(BridgeNames.configMap(name, config.hash()))
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName(TMP_VOLUME)
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .withContainers(container(spec))
        .endSpec()
        .build();
  }

  private static Container container(WebSocketBridgeSpec spec) {
    List<EnvVar> env = new ArrayList<>(spec.env);
    env.add(new EnvVar(BridgeNames.ENV_CONFIG_FILE, configFilePath(), null));
    env.add(new EnvVar(BridgeNames.ENV_CONFIGURED_PATH, spec.health.configuredPath, null));

    ContainerBuilder builder =
        new ContainerBuilder()
            .withName(BridgeNames.CONTAINER)
            .withImage(spec.image)
            .withImagePullPolicy(spec.imagePullPolicy)
            // A crash at startup prints its traceback to stderr; a kubelet copies it into the
            // termination message only with this policy, and that message is what status,
            // events and on-call engineers read.
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .addNewPort()
            .withName(BridgeNames.PORT_NAME)
            .withContainerPort(spec.containerPort)
            .withProtocol("TCP")
            .endPort()
            .withEnv(env)
            .withResources(spec.resources)
            .withReadinessProbe(httpProbe(spec.health.readinessPath, 5, 3))
            .withLivenessProbe(httpProbe(spec.health.livenessPath, 10, 3))
            .addNewVolumeMount()
            .withName(CONFIG_VOLUME)
            .withMountPath(BridgeNames.CONFIG_DIR)
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName(TMP_VOLUME)
            .withMountPath("/tmp")
            .endVolumeMount()
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext();
    if (spec.rollout.drainSeconds > 0) {
      builder
          .withNewLifecycle()
          .withNewPreStop()
          .withNewSleep()
          .withSeconds(spec.rollout.drainSeconds.longValue())
          .endSleep()
          .endPreStop()
          .endLifecycle();
    }
    return builder.build();
  }

  static String configFilePath() {
    return BridgeNames.CONFIG_DIR + "/" + BridgeNames.CONFIG_FILE_KEY;
  }

  private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(BridgeNames.PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }
}
