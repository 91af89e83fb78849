package io.netra.bridge.model;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A container image reference split into repository, tag and digest. {@link #pinned(String)} gives
 * the form the operator restores on rollback: {@code repo@sha256:<digest>}, tag dropped.
 */
public record ImageReference(String repository, String tag, String digest) {

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String HOST = "[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?";
  private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9._-]{0,127}";
  public static final String DIGEST_PATTERN = "sha256:[a-f0-9]{64}";

  /** The image pattern of the CRD and of the operator's own validation. */
  public static final String PATTERN =
      "^(?:"
          + HOST
          + "/)?"
          + COMPONENT
          + "(?:/"
          + COMPONENT
          + ")*(?::"
          + TAG
          + ")?(?:@"
          + DIGEST_PATTERN
          + ")?$";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);
  private static final java.util.regex.Pattern IMAGE_ID_DIGEST =
      java.util.regex.Pattern.compile("(?:^|@|://)(" + DIGEST_PATTERN + ")$");

  public static Optional<ImageReference> parse(String image) {
    if (image == null || image.length() > 512 || !COMPILED.matcher(image).matches()) {
      return Optional.empty();
    }
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return Optional.of(new ImageReference(rest, tag, digest));
  }

  /**
   * The digest in a container status imageID: {@code repo@sha256:..} from a pulled image, or the
   * bare {@code sha256:..} a runtime reports for an image loaded locally ({@code kind load}). Both
   * identify the image the pods ran, so the stable revision is pinned as {@code repo@sha256:..}
   * either way; without it a cluster fed with local images could never roll back.
   */
  public static Optional<String> digestOfImageId(String imageId) {
    if (imageId == null) {
      return Optional.empty();
    }
    Matcher matcher = IMAGE_ID_DIGEST.matcher(imageId);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  public String pinned(String digestToPin) {
    return repository + "@" + digestToPin;
  }

  @Override
  public String toString() {
    return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
