package io.netra.bridge.simulation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed container image reference: {@code [host[:port]/]path[:tag][@sha256:hex]}, following the
 * grammar of the distribution reference library (lowercase path components).
 */
public record ImageReference(String repository, String tag, String digest) {

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN =
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "(?::[0-9]+)?";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "((?:"
              + DOMAIN
              + "/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*)"
              + "(?::([\\w][\\w.-]{0,127}))?"
              + "(?:@(sha256:[a-f0-9]{64}))?");

  public static final String DEFAULT_TAG = "latest";

  public static Optional<ImageReference> parse(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Matcher matcher = REFERENCE.matcher(reference);
    if (!matcher.matches() || reference.length() > 255) {
      return Optional.empty();
    }
    String repository = matcher.group(1);
    String tag = matcher.group(2);
    String digest = matcher.group(3);
    return Optional.of(
        new ImageReference(repository, tag == null && digest == null ? DEFAULT_TAG : tag, digest));
  }

  public boolean pinnedByDigest() {
    return digest != null;
  }

  /** {@code repository:tag}, the key under which a tag is published. */
  public String taggedName() {
    return repository + ":" + (tag == null ? DEFAULT_TAG : tag);
  }
}
