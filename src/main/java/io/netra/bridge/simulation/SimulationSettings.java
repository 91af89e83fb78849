package io.netra.bridge.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How fast the simulated cluster moves. All durations of the simulation are counted in steps.
 *
 * @param step wall-clock time between two steps
 * @param startupSteps steps from pod creation to the container start (ContainerCreating)
 * @param readinessSteps steps from container start to Ready for images that become Ready
 * @param maxBackOffSteps cap of the doubling back-off after a crash or a failed pull
 * @param clock source of the timestamps written in statuses
 * @param shards threads the Deployments are spread over (each Deployment stays on one)
 */
public record SimulationSettings(
    Duration step,
    int startupSteps,
    int readinessSteps,
    int maxBackOffSteps,
    Clock clock,
    int shards) {

  public SimulationSettings {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(clock, "clock");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive");
    }
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1");
    }
    if (startupSteps < 1 || readinessSteps < 1 || maxBackOffSteps < 1) {
      throw new IllegalArgumentException("step counts must be at least 1");
    }
  }

  public static SimulationSettings defaults() {
    return new SimulationSettings(Duration.ofMillis(20), 2, 2, 16, Clock.systemUTC(), 1);
  }

  public SimulationSettings withStep(Duration step) {
    return new SimulationSettings(
        step, startupSteps, readinessSteps, maxBackOffSteps, clock, shards);
  }

  public SimulationSettings withStartupSteps(int startupSteps) {
    return new SimulationSettings(
        step, startupSteps, readinessSteps, maxBackOffSteps, clock, shards);
  }

  public SimulationSettings withReadinessSteps(int readinessSteps) {
    return new SimulationSettings(
        step, startupSteps, readinessSteps, maxBackOffSteps, clock, shards);
  }

  public SimulationSettings withMaxBackOffSteps(int maxBackOffSteps) {
    return new SimulationSettings(
        step, startupSteps, readinessSteps, maxBackOffSteps, clock, shards);
  }

  public SimulationSettings withShards(int shards) {
    return new SimulationSettings(
        step, startupSteps, readinessSteps, maxBackOffSteps, clock, shards);
  }
}
