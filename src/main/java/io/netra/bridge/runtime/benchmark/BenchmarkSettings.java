package io.netra.bridge.runtime.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does.
 *
 * @param bridges the fleet sizes, each measured in a fresh API server and simulated cluster
 * @param repetitions failing rollouts per failure kind (crash loop, image pull failure)
 * @param staleRepetitions failing rollouts with a stale config hash (each waits a 1 s deadline)
 * @param edits sequential spec edits
 * @param idle the window without changes in which steady-state writes are counted
 * @param step the simulated cluster's step
 * @param shards the simulated cluster's shards (threads the Deployments are spread over)
 */
public record BenchmarkSettings(
    List<Integer> bridges,
    int repetitions,
    int staleRepetitions,
    int edits,
    Duration idle,
    Duration step,
    int shards,
    Path output) {

  /** Like a small cluster's controller workers and nodes: enough to keep 2 cores busy. */
  public static final int DEFAULT_SHARDS = 4;

  public static BenchmarkSettings defaults() {
    return new BenchmarkSettings(
        List.of(10, 100),
        10,
        3,
        10,
        Duration.ofSeconds(3),
        Duration.ofMillis(20),
        DEFAULT_SHARDS,
        Path.of("target/bench.json"));
  }

  public static BenchmarkSettings large() {
    return new BenchmarkSettings(
        List.of(1000),
        // A p99 of fewer than 100 samples is their maximum.
        100,
        5,
        100,
        Duration.ofSeconds(5),
        Duration.ofMillis(20),
        DEFAULT_SHARDS,
        Path.of("target/bench.json"));
  }
}
