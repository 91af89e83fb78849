package io.netra.bridge.simulation;

/**
 * An image the node has: its repository, content digest and behaviour, and whether it was loaded
 * into the node's runtime (as {@code kind load} does) rather than pulled from a registry.
 */
public record PulledImage(
    String repository, String digest, ImageBehaviour behaviour, boolean loadedLocally) {

  /**
   * The {@code imageID} a kubelet reports: {@code repository@sha256:...} for a pulled image; for
   * one loaded locally the runtime knows no repository digest, only the bare image ID.
   */
  public String imageId() {
    return loadedLocally ? digest : repository + "@" + digest;
  }
}
