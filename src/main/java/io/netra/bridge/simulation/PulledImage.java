package io.netra.bridge.simulation;

/** An image the simulated registry served: its repository, content digest and behaviour. */
public record PulledImage(String repository, String digest, ImageBehaviour behaviour) {

  /** The {@code imageID} a kubelet reports: {@code repository@sha256:...}. */
  public String imageId() {
    return repository + "@" + digest;
  }
}
