package io.netra.bridge.runtime.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Steady state with warm caches: every converged bridge is reconciled once more, as a resync would,
 * by an annotation the operator does not read; then an idle window. Counts the operator's writes
 * meanwhile.
 */
final class Resync {
  static final String ANNOTATION = "bench.netra.io/resync";

  record Result(long reconciles, long writes, List<String> writesSeen) {}

  private Resync() {}

  static Result run(BenchEnvironment env, BridgeFleet fleet, ExecutorService pool, Duration idle) {
    env.cluster.awaitSteps(25);
    Timing.sleep(Duration.ofSeconds(1));
    long reconcilesBefore = env.reconciles();
    Map<String, Long> before = env.requests().snapshot();
    env.requests().clearWriteLog();
    String value = Long.toString(System.nanoTime());
    fleet.names.stream()
        .map(
            name ->
                CompletableFuture.runAsync(
                    () ->
                        fleet.update(
                            name, b -> b.getMetadata().getAnnotations().put(ANNOTATION, value)),
                    pool))
        .toList()
        .forEach(CompletableFuture::join);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (env.reconciles() - reconcilesBefore < fleet.names.size()
        && System.nanoTime() < deadline) {
      Timing.sleep(Duration.ofMillis(5));
    }
    Timing.sleep(idle);
    Map<String, Long> delta = RequestCounter.minus(env.requests().snapshot(), before);
    return new Result(
        env.reconciles() - reconcilesBefore,
        RequestCounter.writes(delta),
        env.requests().writeLog());
  }
}
