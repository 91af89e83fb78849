package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.util.Map;

/** The immutable ConfigMap of one config revision. */
public final class ConfigMapRenderer {
  private ConfigMapRenderer() {}

  public static ConfigMap render(WebSocketBridge bridge, RevisionTemplate revision) {
    return new ConfigMapBuilder()
        .withMetadata(
            OwnedMetadata.of(
                bridge,
                revision.configMapName(),
                Map.of(BridgeNames.ANNOTATION_CONFIG_HASH, revision.configHash())))
        .withImmutable(true)
        .withData(Map.of(BridgeNames.CONFIG_FILE_KEY, revision.configFile()))
        .build();
  }
}
