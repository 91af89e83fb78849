package io.netra.bridge.runtime.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** p50, p95 and p99 (nearest rank) of a sample, in the sample's unit; empty samples give zeros. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

  public static Percentiles of(Collection<? extends Number> sample) {
    double[] values = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    if (values.length == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    return new Percentiles(
        values.length,
        rank(values, 0.50),
        rank(values, 0.95),
        rank(values, 0.99),
        values[values.length - 1]);
  }

  public static Percentiles single(double value) {
    return new Percentiles(1, value, value, value, value);
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Each percentile divided by the floor's; zero where the floor is zero. */
  public Percentiles ratioTo(Percentiles floor) {
    return new Percentiles(
        count,
        divide(p50, floor.p50),
        divide(p95, floor.p95),
        divide(p99, floor.p99),
        divide(max, floor.max));
  }

  private static double divide(double value, double floor) {
    return floor == 0 ? 0 : value / floor;
  }

  @Override
  public String toString() {
    return Arrays.toString(new double[] {p50, p95, p99});
  }
}
