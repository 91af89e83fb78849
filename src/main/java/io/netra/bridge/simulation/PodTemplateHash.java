package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The {@code pod-template-hash}: a short, stable hash of a pod template's JSON. */
final class PodTemplateHash {

  static final String LABEL = "pod-template-hash";

  private PodTemplateHash() {}

  static String of(PodTemplateSpec template) {
    String hex = SimulatedRegistry.sha256Hex(Serialization.asJson(template));
    return SafeEncoding.encode(Long.parseUnsignedLong(hex.substring(0, 15), 16), 10);
  }
}
