package io.netra.bridge.simulation;

/**
 * The alphabet Kubernetes uses for generated name parts: no vowels (no accidental words), no
 * ambiguous characters.
 */
final class SafeEncoding {

  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private SafeEncoding() {}

  /** {@code value} written with {@code length} characters of the alphabet (modulo its range). */
  static String encode(long value, int length) {
    long remaining = Math.floorMod(value, pow(length));
    char[] out = new char[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (remaining % ALPHABET.length()));
      remaining /= ALPHABET.length();
    }
    return new String(out);
  }

  static long pow(int length) {
    long range = 1;
    for (int i = 0; i < length; i++) {
      range *= ALPHABET.length();
    }
    return range;
  }
}
