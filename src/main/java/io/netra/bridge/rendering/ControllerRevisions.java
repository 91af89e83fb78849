package io.netra.bridge.rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Persists a revision (its whole pod template and config file) in a ControllerRevision, so that a
 * rollback restores exactly what ran, and reads it back.
 */
public final class ControllerRevisions {
  private static final String IMAGE = "image";
  private static final String CONFIG_HASH = "configHash";
  private static final String CONFIG_MAP = "configMap";
  private static final String CONFIG_FILE = "configFile";
  private static final String TEMPLATE = "template";

  private ControllerRevisions() {}

  public static ControllerRevision render(
      WebSocketBridge bridge, RevisionTemplate revision, long number) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(IMAGE, revision.image());
    data.put(CONFIG_HASH, revision.configHash());
    data.put(CONFIG_MAP, revision.configMapName());
    data.put(CONFIG_FILE, revision.configFile());
    // One JSON string rather than a tree: informer caches hold every stored revision.
    data.put(TEMPLATE, CanonicalJson.write(revision.podTemplate()));
    return new ControllerRevisionBuilder()
        .withMetadata(
            OwnedMetadata.of(
                bridge,
                BridgeNames.controllerRevision(bridge.getMetadata().getName(), revision.name()),
                Map.of(BridgeNames.LABEL_REVISION, revision.name())))
        .withRevision(number)
        .withData(data)
        .build();
  }

  /** The revision stored in a ControllerRevision, or empty when it is not one of ours. */
  public static Optional<RevisionTemplate> read(ControllerRevision stored) {
    var labels = stored.getMetadata() == null ? null : stored.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(BridgeNames.LABEL_REVISION);
    // Read back from the API server, data is a RawExtension wrapping the map that was written.
    Object raw = stored.getData() instanceof AnyType any ? any.getValue() : stored.getData();
    if (name == null || !(raw instanceof Map<?, ?> data)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new RevisionTemplate(
              name,
              (String) data.get(IMAGE),
              (String) data.get(CONFIG_HASH),
              (String) data.get(CONFIG_MAP),
              (String) data.get(CONFIG_FILE),
              template(data.get(TEMPLATE))));
    } catch (ClassCastException | IllegalArgumentException | JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static PodTemplateSpec template(Object stored) throws JsonProcessingException {
    return stored instanceof String json
        ? CanonicalJson.mapper().readValue(json, PodTemplateSpec.class)
        : CanonicalJson.convert(stored, PodTemplateSpec.class);
  }
}
