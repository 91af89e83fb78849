package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a kubelet builds for a container from {@code secretKeyRef} and {@code
 * configMapKeyRef}: a Secret, ConfigMap or key that is missing (and not optional) stops the
 * container with {@code CreateContainerConfigError} and the kubelet's message.
 */
final class EnvReferences {

  private EnvReferences() {}

  /** The kubelet's message for the first reference that cannot be resolved, if any. */
  static Optional<String> unresolved(KubernetesClient client, Pod pod, Container container) {
    String namespace = pod.getMetadata().getNamespace();
    for (EnvVar env : container.getEnv()) {
      EnvVarSource source = env.getValueFrom();
      if (source == null) {
        continue;
      }
      Optional<String> error =
          source.getSecretKeyRef() != null
              ? secretKey(client, namespace, source.getSecretKeyRef())
              : configMapKey(client, namespace, source.getConfigMapKeyRef());
      if (error.isPresent()) {
        return error;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> secretKey(
      KubernetesClient client, String namespace, SecretKeySelector ref) {
    if (Boolean.TRUE.equals(ref.getOptional())) {
      return Optional.empty();
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      return Optional.of("secret \"" + ref.getName() + "\" not found");
    }
    boolean hasKey =
        has(secret.getData(), ref.getKey()) || has(secret.getStringData(), ref.getKey());
    return hasKey
        ? Optional.empty()
        : Optional.of(
            "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
  }

  private static Optional<String> configMapKey(
      KubernetesClient client, String namespace, ConfigMapKeySelector ref) {
    if (ref == null || Boolean.TRUE.equals(ref.getOptional())) {
      return Optional.empty();
    }
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
    if (configMap == null) {
      return Optional.of("configmap \"" + ref.getName() + "\" not found");
    }
    return has(configMap.getData(), ref.getKey())
        ? Optional.empty()
        : Optional.of(
            "couldn't find key "
                + ref.getKey()
                + " in ConfigMap "
                + namespace
                + "/"
                + ref.getName());
  }

  private static boolean has(Map<String, String> data, String key) {
    return data != null && data.containsKey(key);
  }
}
