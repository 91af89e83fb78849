package io.netra.bridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator as users run it, {@code java -jar target/websocket-bridge-operator.jar}, in a
 * process of its own (so that it can be killed with SIGKILL); its output goes to {@code
 * target/e2e-logs/<name>.log}.
 */
final class OperatorProcessUnderTest implements AutoCloseable {
  private final Process process;
  final Path log;

  private OperatorProcessUnderTest(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static OperatorProcessUnderTest start(String name, Path kubeconfig, String... flags) {
    String jar = System.getProperty("wsb.e2e.jar", "target/websocket-bridge-operator.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(jar + " is missing: run `mvn -B -Pe2e verify`");
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar));
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--metrics-port=0");
    command.add("--log-format=text");
    command.addAll(List.of(flags));
    try {
      Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
      Path log = logs.resolve(name + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new OperatorProcessUnderTest(process, log);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no lease release, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }
}
