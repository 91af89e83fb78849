package io.netra.bridge.runtime;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo}: the incident and its rollback, on an embedded API, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts an embedded Kubernetes API with a simulated cluster and the real operator, and"
          + " plays the incident:",
      "chat rolls out netra-backend 1.4.0; 1.5.0 crashes at startup (AttributeError ..."
          + " configure) and is rolled back to 1.4.0's digest; the fixed 1.5.1 rolls out.",
      "Prints the timeline; exits 0 when the story happened, 1 when it did not in time."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the timeline as JSON (for scripts).")
  boolean json;

  @Option(
      names = "--keep",
      description = "Keep the API running afterwards and print a kubeconfig for kubectl.")
  boolean keep;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      description = "Where --keep writes the kubeconfig (default: a new temporary file).")
  Path kubeconfigOut;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Give up (exit 1) when the story has not happened by then (default: 120).")
  int timeoutSeconds;

  @Option(
      names = "--step-ms",
      paramLabel = "MS",
      defaultValue = "50",
      description = "Time of one simulated-cluster step; smaller is faster (default: 50).")
  int stepMs;

  @Override
  public Integer call() throws Exception {
    Level level =
        spec.commandLine().getParseResult().hasMatchedOption("--log-level")
                || spec.root().commandLine().getParseResult().hasMatchedOption("--log-level")
            ? Main.level(spec)
            : Level.ERROR;
    LogFormat format = Main.format(spec);
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
    }
    if (stepMs < 1 || stepMs > 10_000) {
      throw new ParameterException(spec.commandLine(), "--step-ms must be between 1 and 10000");
    }
    Logging.configure(level, format, true);
    PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true);
    PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
    return run(out, err, Progress.onTerminal(err));
  }

  int run(PrintStream out, PrintStream err, Progress progress) throws Exception {
    DemoTimeline timeline = new DemoTimeline();
    if (!json) {
      out.println("Starting an embedded Kubernetes API, a simulated cluster and the operator...");
    }
    try (DemoEnvironment env = new DemoEnvironment(Duration.ofMillis(stepMs))) {
      timeline.summary("startupMs", timeline.elapsedMs());
      timeline.startNow();
      if (!json) {
        out.println(
            "Ready in "
                + timeline.summary().get("startupMs")
                + " ms: embedded API at "
                + env.api.url()
                + ", namespace "
                + DemoStory.NAMESPACE
                + ". The incident, replayed:");
        out.println();
        timeline.onStep(
            step -> {
              progress.clear();
              out.print(DemoTimeline.text(step));
            });
      }
      timeline.summary("api", env.api.url());
      DemoStory story =
          new DemoStory(
              env.client,
              env.registry,
              env.meters,
              timeline,
              progress,
              Duration.ofSeconds(timeoutSeconds));
      try {
        story.play();
        timeline.summary("outcome", "completed");
      } catch (DemoStory.StoryFailed e) {
        timeline.summary("outcome", "failed");
        timeline.summary("error", e.getMessage());
        if (json) {
          out.print(timeline.json());
        }
        err.println("error: the demo did not complete: " + e.getMessage());
        return 1;
      }
      if (json) {
        out.print(timeline.json());
      } else {
        out.println();
        out.print(summaryText(timeline));
      }
      if (keep) {
        keepRunning(env, out);
      }
      return 0;
    }
  }

  static String summaryText(DemoTimeline timeline) {
    var s = timeline.summary();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "Detection: %d ms from the first crash to the operator seeing the %s failure"
                + " (it allows 1 restart at startup by default: maxStartupRestarts).%n",
            s.get("firstCrashToDetectionMs"), s.get("failureReason")));
    text.append(
        String.format(
            "Rollback:  %d ms from detection to the Deployment back on the stable digest;"
                + " %d ms from applying 1.5.0.%n",
            s.get("detectionToRollbackMs"), s.get("applyToRollbackMs")));
    if (s.containsKey("operatorSignalToRollbackMs")) {
      text.append(
          String.format(
              "Operator metric websocket_bridge_detection_to_rollback: %d ms from the crash in"
                  + " the pod's status (1-second resolution) to the rollback write.%n",
              s.get("operatorSignalToRollbackMs")));
    }
    return text.toString();
  }

  private void keepRunning(DemoEnvironment env, PrintStream out) throws Exception {
    Path file =
        kubeconfigOut != null
            ? kubeconfigOut
            : Files.createTempFile("websocket-bridge-demo-", ".kubeconfig");
    env.writeKubeconfig(file);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
    if (json) {
      System.err.println("kubeconfig: " + file);
    } else {
      out.println();
      out.println("The API, the simulated cluster and the operator keep running. Try:");
      out.println("  export KUBECONFIG=" + file);
      out.println("  kubectl get wsb");
      out.println("  kubectl describe wsb chat");
      out.println("  kubectl get deploy,pods");
      out.println("Stop with Ctrl-C.");
    }
    stop.await();
  }
}
