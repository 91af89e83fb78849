package io.netra.bridge.simulation;

import java.util.Objects;

/**
 * What a container started from a published image does, and the user its image runs as ({@code
 * USER} of the image: a numeric UID, a name, or empty for root).
 */
public record ImageBehaviour(Kind kind, int exitCode, String message, String user) {

  /** A numeric non-root UID, as distroless images use: passes {@code runAsNonRoot}. */
  public static final String DEFAULT_USER = "65532";

  public enum Kind {
    /** Starts, becomes Ready and serves the hash of the config it loaded. */
    HEALTHY,
    /** Exits with {@code exitCode} and {@code message} right after each start. */
    CRASHES_AT_STARTUP,
    /** Runs, but its readiness never passes; the endpoint answers 503 not configured. */
    NEVER_READY,
    /** Becomes Ready, but answers a config hash that is not the one of the mounted file. */
    STALE_CONFIG,
    /**
     * Becomes Ready and applies its config, but the operator's connections to its config endpoint
     * are refused, as behind a NetworkPolicy that does not admit the operator.
     */
    CONFIG_ENDPOINT_UNREACHABLE
  }

  public ImageBehaviour {
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
    user = user == null ? "" : user;
  }

  public static ImageBehaviour healthy() {
    return new ImageBehaviour(Kind.HEALTHY, 0, "", DEFAULT_USER);
  }

  public static ImageBehaviour crashesAtStartup(int exitCode, String terminationMessage) {
    if (exitCode == 0) {
      throw new IllegalArgumentException("a crash exits with a non-zero code");
    }
    return new ImageBehaviour(Kind.CRASHES_AT_STARTUP, exitCode, terminationMessage, DEFAULT_USER);
  }

  public static ImageBehaviour neverReady() {
    return new ImageBehaviour(Kind.NEVER_READY, 0, "", DEFAULT_USER);
  }

  public static ImageBehaviour staleConfig() {
    return new ImageBehaviour(Kind.STALE_CONFIG, 0, "", DEFAULT_USER);
  }

  public static ImageBehaviour configEndpointUnreachable() {
    return new ImageBehaviour(Kind.CONFIG_ENDPOINT_UNREACHABLE, 0, "", DEFAULT_USER);
  }

  /** The same behaviour from an image whose {@code USER} is {@code user} ("" or "0" is root). */
  public ImageBehaviour withUser(String user) {
    return new ImageBehaviour(kind, exitCode, message, user);
  }
}
