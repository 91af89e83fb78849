package io.netra.bridge.testing;

import static org.awaitility.Awaitility.await;

import io.netra.bridge.simulation.SimulatedCluster;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for a condition within a number of simulation steps rather than seconds: a loaded machine
 * slows the simulation and the operator alike, so it cannot fail the bound, and an operator slow
 * against the simulation cannot pass it.
 */
public final class StepBound {
  /** Only against a hang; the bound that matters is the one in steps. */
  private static final Duration HANG = Duration.ofMinutes(5);

  private StepBound() {}

  /** Returns the steps it took. */
  public static long awaitWithin(
      SimulatedCluster cluster, long steps, String what, Callable<Boolean> condition) {
    long start = cluster.currentStep();
    await()
        .atMost(HANG)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              boolean met = condition.call();
              long used = cluster.currentStep() - start;
              if (!met && used > steps) {
                throw new AssertionError(what + ": not within " + steps + " simulation steps");
              }
              return met;
            });
    return cluster.currentStep() - start;
  }
}
