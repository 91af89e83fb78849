package io.netra.bridge.runtime.benchmark;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: runs the real operator against the embedded API server and simulated cluster,
 * prints a table and writes the same figures as JSON. See docs/benchmarks.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures detection-to-rollback, convergence, steady-state writes, heap footprint and"
            + " start-up against floors measured in the same run; prints a table and writes JSON.")
public final class BenchmarkCommand implements Callable<Integer> {
  /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  @Option(
      names = "--bridges",
      split = ",",
      description = "Fleet sizes, each in a fresh API server (default: 10,100; --large: 1000).")
  List<Integer> bridges;

  @Option(
      names = "--repetitions",
      description = "Failing rollouts per failure kind (default: 10; --large: 100).")
  Integer repetitions;

  @Option(
      names = "--stale-repetitions",
      description =
          "Failing rollouts with a stale config hash, 1 s deadline each (default: 3; --large: 5).")
  Integer staleRepetitions;

  @Option(names = "--edits", description = "Sequential spec edits (default: 10; --large: 100).")
  Integer edits;

  @Option(
      names = "--idle-seconds",
      description = "Window without changes in which writes are counted (default: 3; --large: 5).")
  Integer idleSeconds;

  @Option(
      names = "--step-millis",
      description = "Step of the simulated cluster (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int stepMillis;

  @Option(
      names = "--sim-shards",
      description =
          "Threads the simulated cluster spreads Deployments over (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + BenchmarkSettings.DEFAULT_SHARDS)
  int simShards;

  @Option(
      names = "--output",
      description = "JSON output (default: ${DEFAULT-VALUE}).",
      defaultValue = "target/bench.json")
  Path output;

  @Option(
      names = "--large",
      description = "The large run: 1000 bridges, 100 repetitions, 100 edits.")
  boolean large;

  @Option(
      names = "--warm-up",
      negatable = true,
      defaultValue = "true",
      description =
          "Warm the JVM up with a small unmeasured run first (default: on; --no-warm-up).")
  boolean warmUp = true;

  @Option(
      names = "--kubeconfig",
      description =
          "Measure on this cluster (its own controllers, simulated nodes, namespaces of the run"
              + " deleted afterwards) instead of an embedded API server: the local control plane"
              + " of e2e/control-plane, or any test cluster.")
  Path kubeconfig;

  @Option(names = "--verbose", description = "Keep the operator's and simulator's logging.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!verbose) {
      // The packaged logback.xml sets io.netra to INFO: quiet every logger, not only the root.
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
          .getLoggerContext().getLoggerList().stream()
              .filter(logger -> !Logger.ROOT_LOGGER_NAME.equals(logger.getName()))
              .forEach(logger -> logger.setLevel(null));
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
          .setLevel(Level.ERROR);
      MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    BenchmarkSettings settings = settings();
    PrintWriter out =
        spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
    List<BenchmarkRun.SizeResult> results = new ArrayList<>();
    BenchTarget target =
        kubeconfig == null ? BenchTarget.embedded() : BenchTarget.kubeconfig(kubeconfig);
    BenchmarkRun run =
        new BenchmarkRun(
            settings,
            target,
            line -> {
              out.println("bench: " + line);
              out.flush();
            });
    if (warmUp) {
      // The first failures a cold JVM handles are interpreted code; measure the operator, not the
      // JIT.
      out.println("bench: warm-up (not measured)");
      new BenchmarkRun(
              new BenchmarkSettings(
                  List.of(5),
                  5,
                  1,
                  2,
                  Duration.ofSeconds(1),
                  settings.step(),
                  settings.shards(),
                  settings.output()),
              target,
              line -> {})
          .run(5);
    }
    for (int n : settings.bridges()) {
      results.add(run.run(n));
    }
    Report report = Report.of(settings, results);
    report.write(settings.output());
    out.println();
    out.print(report.table());
    out.println("written to " + settings.output());
    out.flush();
    return 0;
  }

  BenchmarkSettings settings() {
    BenchmarkSettings base = large ? BenchmarkSettings.large() : BenchmarkSettings.defaults();
    return new BenchmarkSettings(
        bridges == null ? base.bridges() : List.copyOf(bridges),
        repetitions == null ? base.repetitions() : repetitions,
        staleRepetitions == null ? base.staleRepetitions() : staleRepetitions,
        edits == null ? base.edits() : edits,
        idleSeconds == null ? base.idle() : Duration.ofSeconds(idleSeconds),
        Duration.ofMillis(stepMillis),
        simShards,
        output);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
  }
}
