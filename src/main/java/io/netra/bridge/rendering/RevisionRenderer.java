package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.netra.bridge.model.WebSocketBridge;

/** Renders the revision a bridge's spec describes. Pure: the same spec gives the same revision. */
public final class RevisionRenderer {
  private static final int REVISION_HASH_LENGTH = 10;

  private RevisionRenderer() {}

  public static RevisionTemplate desired(WebSocketBridge bridge) {
    String name = bridge.getMetadata().getName();
    RenderedConfig config = ConfigFileRenderer.render(bridge.getSpec().bridge);
    PodTemplateSpec template = PodTemplateRenderer.render(bridge, config);
    String revision =
        CanonicalJson.sha256Hex(
            CanonicalJson.write(template) + "\n" + config.fileContent(), REVISION_HASH_LENGTH);
    template.getMetadata().getLabels().put(BridgeNames.LABEL_REVISION, revision);
    // A new retry value restarts the pods of the same revision; it is not part of its identity.
    String retry =
        bridge.getMetadata().getAnnotations() == null
            ? null
            : bridge.getMetadata().getAnnotations().get(BridgeNames.ANNOTATION_RETRY);
    if (retry != null) {
      template.getMetadata().getAnnotations().put(BridgeNames.ANNOTATION_RETRY, retry);
    }
    return new RevisionTemplate(
        revision,
        bridge.getSpec().image,
        config.hash(),
        BridgeNames.configMap(name, config.hash()),
        config.fileContent(),
        template);
  }
}
