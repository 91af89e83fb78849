package io.netra.bridge.runtime.benchmark;

/**
 * One figure of the report: its distribution, the floor measured in the same run (null when the
 * figure has none), the ratio of the two, and the target it is held to.
 *
 * @param target the target in {@code unit} (null: none); {@code met} compares p99 to it
 *     and, with {@code maxRatio}, the p99 ratio to the floor
 */
public record Measurement(
    String section,
    String name,
    int bridges,
    String unit,
    Percentiles value,
    Percentiles floor,
    Percentiles ratio,
    Double target,
    Double maxRatio,
    Boolean met) {

  public static Measurement of(
      String section,
      String name,
      int bridges,
      String unit,
      Percentiles value,
      Percentiles floor,
      Double target,
      Double maxRatio) {
    Percentiles ratio = floor == null ? null : value.ratioTo(floor);
    Boolean met = null;
    if (target != null || maxRatio != null) {
      boolean ok = target == null || value.p99() <= target;
      if (maxRatio != null && ratio != null) {
        ok &= ratio.p99() <= maxRatio;
      }
      met = ok;
    }
    return new Measurement(
        section, name, bridges, unit, value, floor, ratio, target, maxRatio, met);
  }
}
