package io.netra.bridge.simulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The images the simulated kubelet can pull. A tag points to the latest build published under it;
 * every build stays pullable by digest, as in a real registry.
 */
public final class SimulatedRegistry {

  private final Map<String, PulledImage> byTag = new ConcurrentHashMap<>();
  private final Map<String, PulledImage> byDigest = new ConcurrentHashMap<>();
  private final AtomicLong publications = new AtomicLong();

  /**
   * Publishes a new build under {@code imageRef} ({@code repo:tag} or {@code repo}) and returns its
   * digest ({@code sha256:<64 hex>}). Publishing the same tag again gives a new digest.
   */
  public String publish(String imageRef, ImageBehaviour behaviour) {
    return add(imageRef, behaviour, false);
  }

  /**
   * As {@link #publish}, for an image loaded straight into the nodes' runtime ({@code kind load
   * docker-image}): its containers report a bare {@code sha256:...} imageID.
   */
  public String loadLocally(String imageRef, ImageBehaviour behaviour) {
    return add(imageRef, behaviour, true);
  }

  private String add(String imageRef, ImageBehaviour behaviour, boolean loadedLocally) {
    ImageReference reference =
        ImageReference.parse(imageRef)
            .orElseThrow(
                () -> new IllegalArgumentException("invalid image reference: " + imageRef));
    if (reference.pinnedByDigest()) {
      throw new IllegalArgumentException("publish a tag, not a digest: " + imageRef);
    }
    String digest =
        "sha256:"
            + sha256Hex(
                reference.taggedName()
                    + "\n"
                    + behaviour.kind()
                    + "\n"
                    + publications.incrementAndGet());
    PulledImage image = new PulledImage(reference.repository(), digest, behaviour, loadedLocally);
    byDigest.put(reference.repository() + "@" + digest, image);
    byTag.put(reference.taggedName(), image);
    return digest;
  }

  /**
   * The image a pod spec reference points to ({@code repo}, {@code repo:tag}, {@code
   * repo@sha256:...} or {@code repo:tag@sha256:...}, where the digest wins), or empty when the
   * registry does not have it (a pull failure) or the reference is not valid.
   */
  public Optional<PulledImage> resolve(String imageRefAsInPodSpec) {
    return ImageReference.parse(imageRefAsInPodSpec).flatMap(this::resolve);
  }

  Optional<PulledImage> resolve(ImageReference reference) {
    if (reference.pinnedByDigest()) {
      return Optional.ofNullable(byDigest.get(reference.repository() + "@" + reference.digest()));
    }
    return Optional.ofNullable(byTag.get(reference.taggedName()));
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
