package io.netra.bridge.simulation;

import java.util.Objects;

/** What a container started from a published image does. */
public record ImageBehaviour(Kind kind, int exitCode, String message) {

  public enum Kind {
    /** Starts, becomes Ready and serves the hash of the config it loaded. */
    HEALTHY,
    /** Exits with {@code exitCode} and {@code message} right after each start. */
    CRASHES_AT_STARTUP,
    /** Runs, but its readiness never passes; the endpoint answers 503 not configured. */
    NEVER_READY,
    /** Becomes Ready, but answers a config hash that is not the one of the mounted file. */
    STALE_CONFIG,
    /** Never starts: the kubelet cannot build its configuration ({@code message}). */
    CONTAINER_CONFIG_ERROR,
    /**
     * Becomes Ready and applies its config, but the operator's connections to its config endpoint
     * are refused, as behind a NetworkPolicy that does not admit the operator.
     */
    CONFIG_ENDPOINT_UNREACHABLE
  }

  public ImageBehaviour {
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
  }

  public static ImageBehaviour healthy() {
    return new ImageBehaviour(Kind.HEALTHY, 0, "");
  }

  public static ImageBehaviour crashesAtStartup(int exitCode, String terminationMessage) {
    if (exitCode == 0) {
      throw new IllegalArgumentException("a crash exits with a non-zero code");
    }
    return new ImageBehaviour(Kind.CRASHES_AT_STARTUP, exitCode, terminationMessage);
  }

  public static ImageBehaviour neverReady() {
    return new ImageBehaviour(Kind.NEVER_READY, 0, "");
  }

  public static ImageBehaviour staleConfig() {
    return new ImageBehaviour(Kind.STALE_CONFIG, 0, "");
  }

  public static ImageBehaviour configEndpointUnreachable() {
    return new ImageBehaviour(Kind.CONFIG_ENDPOINT_UNREACHABLE, 0, "");
  }

  public static ImageBehaviour containerConfigError(String message) {
    return new ImageBehaviour(Kind.CONTAINER_CONFIG_ERROR, 0, message);
  }
}
