package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.RevisionRef;

/**
 * One revision: the rendered pod template (labelled with the revision name) and the config file it
 * mounts. {@code name} is a hash of the template, so any change to what shapes the pods is a new
 * revision, and the same spec always gives the same revision.
 */
public record RevisionTemplate(
    String name,
    String image,
    String configHash,
    String configMapName,
    String configFile,
    PodTemplateSpec podTemplate) {

  /** The same revision with its image pinned to {@code repo@digest} (tag dropped). */
  public RevisionTemplate pinnedTo(String digest) {
    String pinned =
        ImageReference.parse(image).map(ref -> ref.pinned(digest)).orElse(image + "@" + digest);
    PodTemplateSpec template = CanonicalJson.copy(podTemplate, PodTemplateSpec.class);
    template.getSpec().getContainers().stream()
        .filter(c -> BridgeNames.CONTAINER.equals(c.getName()))
        .forEach(c -> c.setImage(pinned));
    return new RevisionTemplate(name, pinned, configHash, configMapName, configFile, template);
  }

  public RevisionRef ref(String digest) {
    return new RevisionRef(name, image, digest, configHash);
  }
}
