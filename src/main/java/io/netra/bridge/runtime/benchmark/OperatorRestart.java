package io.netra.bridge.runtime.benchmark;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up, steady state and footprint in one go: with N converged bridges, the operator is
 * stopped, the heap measured, the operator started again and timed until its informers are synced
 * and every bridge had its first reconcile; then an idle window in which nothing changes. Every
 * request the new operator sends is counted; a restart reconciles every bridge once, which is what
 * a resync does.
 */
final class OperatorRestart {

  record Result(
      double syncedMillis,
      double firstReconcilesMillis,
      Map<String, Long> requests,
      java.util.List<String> writesSeen,
      long writes,
      long reconciles,
      Percentiles reconcileMillis,
      double heapBaselineBytes,
      double heapWithOperatorBytes) {}

  private OperatorRestart() {}

  static Result run(BenchEnvironment env, int bridges, Duration idle) {
    env.stopOperator();
    Timing.sleep(Duration.ofMillis(500));
    double baseline = heapAfterFullGc();
    histogram("before");
    long start = System.nanoTime();
    env.startOperator();
    long synced = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(300);
    while (env.reconciles() < bridges) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + env.reconciles() + " reconciles after 300 s");
      }
      Timing.sleep(Duration.ofMillis(2));
    }
    long reconciled = System.nanoTime();
    Timing.sleep(idle);
    Map<String, Long> requests = env.requests().snapshot();
    double withOperator = heapAfterFullGc();
    histogram("after");
    return new Result(
        Timing.millisSince(start, synced),
        Timing.millisSince(start, reconciled),
        requests,
        env.requests().writeLog(),
        RequestCounter.writes(requests),
        env.reconciles(),
        reconcileTime(env),
        baseline,
        withOperator);
  }

  /** Java Operator SDK's reconcile timer, as p50/p95/p99 in ms. */
  private static Percentiles reconcileTime(BenchEnvironment env) {
    return env.meters().getMeters().stream()
        .filter(m -> m instanceof Timer)
        .map(m -> (Timer) m)
        .filter(t -> t.getId().getName().equals("operator.sdk.controllers.execution.reconcile"))
        .findFirst()
        .map(
            t -> {
              ValueAtPercentile[] values = t.takeSnapshot().percentileValues();
              double[] ms =
                  Arrays.stream(values).mapToDouble(v -> v.value(TimeUnit.MILLISECONDS)).toArray();
              return ms.length < 3
                  ? Percentiles.single(t.mean(TimeUnit.MILLISECONDS))
                  : new Percentiles(
                      (int) t.count(), ms[0], ms[1], ms[2], t.max(TimeUnit.MILLISECONDS));
            })
        .orElse(Percentiles.of(java.util.List.of()));
  }

  /**
   * With {@code -Dbench.histogram=DIR}, writes a class histogram of the live heap ({@code jcmd
   * GC.class_histogram}) before and after the operator starts, to see what its footprint is made
   * of.
   */
  private static void histogram(String label) {
    String dir = System.getProperty("bench.histogram");
    if (dir == null) {
      return;
    }
    try {
      java.nio.file.Path file =
          java.nio.file.Path.of(dir, "histogram-" + label + "-" + System.nanoTime() + ".txt");
      java.nio.file.Files.createDirectories(file.getParent());
      new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
          .redirectOutput(file.toFile())
          .start()
          .waitFor();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Heap used after full collections, the median of three. */
  static double heapAfterFullGc() {
    double[] samples = new double[3];
    for (int i = 0; i < samples.length; i++) {
      System.gc();
      Timing.sleep(Duration.ofMillis(150));
      System.gc();
      samples[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    Arrays.sort(samples);
    return samples[1];
  }
}
