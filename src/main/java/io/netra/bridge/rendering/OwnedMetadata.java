package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.util.Map;

/** Metadata shared by every object a bridge owns: namespace, labels and the owner reference. */
final class OwnedMetadata {
  private OwnedMetadata() {}

  static ObjectMeta of(WebSocketBridge bridge, String name, Map<String, String> extraLabels) {
    String bridgeName = bridge.getMetadata().getName();
    Map<String, String> labels = BridgeNames.ownedLabels(bridgeName);
    labels.putAll(extraLabels);
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(bridge.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(bridge.getApiVersion())
                .withKind(bridge.getKind())
                .withName(bridgeName)
                .withUid(bridge.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }
}
