package io.netra.bridge.simulation;

/**
 * Five-character pod name suffixes, deterministic and unique for the first 27^5 pods: a counter
 * scrambled by a multiplier coprime with the range, so consecutive pods do not look alike.
 */
final class PodNameSuffixes {

  private static final int LENGTH = 5;
  private static final long RANGE = SafeEncoding.pow(LENGTH);
  private static final long SCRAMBLER = 7_368_787L;

  private long next;

  String next() {
    long value = Math.floorMod(++next * SCRAMBLER, RANGE);
    return SafeEncoding.encode(value, LENGTH);
  }
}
