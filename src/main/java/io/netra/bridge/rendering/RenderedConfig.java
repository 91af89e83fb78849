package io.netra.bridge.rendering;

/**
 * The bridge's config file and its hash. The hash is the contract with the bridge: the first 16 hex
 * digits of the SHA-256 of the file's UTF-8 bytes.
 */
public record RenderedConfig(String fileContent, String hash) {
  public static final int HASH_LENGTH = 16;

  public static RenderedConfig of(String fileContent) {
    return new RenderedConfig(
        fileContent, CanonicalJson.sha256Hex(fileContent, RenderedConfig.HASH_LENGTH));
  }
}
