package io.netra.bridge.runtime;

import ch.qos.logback.classic.Level;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.netra.bridge.runtime.benchmark.BenchmarkCommand;
import io.netra.bridge.validation.KubernetesNames;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The jar's entry point: runs the operator, or the {@code demo}. */
@Command(
    name = "websocket-bridge-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    subcommands = {DemoCommand.class, BenchmarkCommand.class},
    description = {
      "Runs the WebSocketBridge operator against the current kubeconfig (or the in-cluster"
          + " service account).",
      "Try `demo` to watch it roll back a release that crashes at startup, without a cluster."
    },
    footer = {
      "",
      "Exit codes: 0 stopped cleanly, 1 failed while running, 2 invalid settings.",
      "Environment: WATCH_NAMESPACES (as --namespaces), POD_NAMESPACE (as --lease-namespace),"
          + " POD_NAME (lease identity)."
    })
public final class Main implements Callable<Integer> {
  static final int INVALID_SETTINGS = 2;
  private static final String NAMESPACE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: the current context).")
  String context;

  @Option(
      names = "--namespaces",
      paramLabel = "NS[,NS...]",
      defaultValue = "${env:WATCH_NAMESPACES}",
      description = "Namespaces to watch, comma-separated (default: all; env WATCH_NAMESPACES).")
  String namespaces;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port of /healthz, /readyz and /metrics; 0 turns them off (default: 8080).")
  int metricsPort;

  @Option(
      names = "--leader-election",
      description = "Hold a coordination.k8s.io Lease before reconciling (default: off).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      paramLabel = "NAME",
      defaultValue = "websocket-bridge-operator",
      description = "Name of the Lease (default: websocket-bridge-operator).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      paramLabel = "NS",
      defaultValue = "${env:POD_NAMESPACE}",
      description =
          "Namespace of the Lease (default: env POD_NAMESPACE, else the kubeconfig's namespace).")
  String leaseNamespace;

  @Option(
      names = "--reconcile-threads",
      paramLabel = "N",
      defaultValue = "4",
      description = "Bridges reconciled at the same time (default: 4).")
  int reconcileThreads;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "INFO",
      scope = ScopeType.INHERIT,
      description = "TRACE, DEBUG, INFO, WARN or ERROR (default: INFO).")
  String logLevel;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      scope = ScopeType.INHERIT,
      description = "text, or json (one JSON object per line) (default: text).")
  String logFormat;

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Parses and runs; returns the exit code. */
  static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine commandLine = commandLine(out, err);
    return commandLine.execute(args);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new Main());
    // `--lease-namespace demo` names a namespace, not the demo subcommand.
    commandLine.setAllowSubcommandsAsOptionParameters(true);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine()
              .getErr()
              .println(
                  "error: "
                      + e.getMessage()
                      + " (see "
                      + e.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help)");
          return INVALID_SETTINGS;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("error: " + oneLine(e));
          return 1;
        });
    return commandLine;
  }

  @Override
  public Integer call() throws Exception {
    Level level = level(spec);
    LogFormat format = format(spec);
    Set<String> watched = namespaces(spec, namespaces);
    if (metricsPort < 0 || metricsPort > 65535) {
      throw invalid("--metrics-port must be between 0 and 65535, got " + metricsPort);
    }
    if (reconcileThreads < 1 || reconcileThreads > 256) {
      throw invalid("--reconcile-threads must be between 1 and 256, got " + reconcileThreads);
    }
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      throw invalid("--kubeconfig " + kubeconfig + " is not a readable file");
    }
    if (leaderElection) {
      name("--lease-name", leaseName);
    }
    Logging.configure(level, format, false);

    Config config = clientConfig();
    Optional<RunSettings.Lease> lease = Optional.empty();
    if (leaderElection) {
      String ns = blank(leaseNamespace) ? config.getNamespace() : leaseNamespace;
      if (blank(ns)) {
        throw invalid(
            "--leader-election needs --lease-namespace (or env POD_NAMESPACE, or a namespace in"
                + " the kubeconfig context)");
      }
      name("--lease-namespace", ns);
      lease = Optional.of(RunSettings.Lease.of(leaseName, ns, identity()));
    }
    RunSettings settings =
        new RunSettings(
            watched,
            metricsPort == 0 ? Optional.empty() : Optional.of(metricsPort),
            lease,
            reconcileThreads);

    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      OperatorProcess process =
          new OperatorProcess(
              client, settings, () -> new Thread(() -> System.exit(1), "lease-lost-exit").start());
      // Registered before starting, so SIGTERM during the informers' first sync stops cleanly too.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    process.close();
                    stopped.countDown();
                  },
                  "shutdown"));
      process.startAll();
      stopped.await();
    }
    return 0;
  }

  private Config clientConfig() {
    if (context != null) {
      Path file = kubeconfig != null ? kubeconfig : defaultKubeconfig();
      if (file == null || !Files.isReadable(file)) {
        throw invalid("--context " + context + " given, but there is no kubeconfig");
      }
      boolean known;
      try {
        var parsed = KubeConfigUtils.parseConfig(file.toFile());
        known =
            parsed.getContexts() != null
                && parsed.getContexts().stream().anyMatch(c -> context.equals(c.getName()));
      } catch (RuntimeException e) {
        throw invalid("--kubeconfig " + file + " cannot be read: " + oneLine(e));
      }
      if (!known) {
        throw invalid("--context " + context + " is not in " + file);
      }
    }
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, kubeconfig.toFile())
            : Config.autoConfigure(context);
    if (config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://")) {
      // Plain HTTP (the demo's embedded API): the JDK client's h2c upgrade would hang there.
      config.setHttp2Disable(true);
    }
    return config;
  }

  private static Path defaultKubeconfig() {
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }

  static Level level(CommandSpec spec) {
    Main main = root(spec);
    String value = main.logLevel.trim().toUpperCase(Locale.ROOT);
    if (!Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(value)) {
      throw new ParameterException(
          spec.commandLine(),
          "--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, got " + main.logLevel);
    }
    return Level.toLevel(value);
  }

  static LogFormat format(CommandSpec spec) {
    Main main = root(spec);
    try {
      return LogFormat.valueOf(main.logFormat.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--log-format must be text or json, got " + main.logFormat);
    }
  }

  private static Main root(CommandSpec spec) {
    CommandSpec s = spec;
    while (s.parent() != null) {
      s = s.parent();
    }
    return (Main) s.userObject();
  }

  static Set<String> namespaces(CommandSpec spec, String value) {
    Set<String> result = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return result;
    }
    for (String part : value.split(",")) {
      String ns = part.trim();
      if (ns.isEmpty()) {
        continue;
      }
      if (!ns.matches(NAMESPACE)) {
        throw new ParameterException(
            spec.commandLine(), "--namespaces: " + ns + " is not a namespace name");
      }
      result.add(ns);
    }
    return result;
  }

  private void name(String option, String value) {
    if (blank(value)
        || KubernetesNames.dns1123SubdomainError(value).isPresent()
        || (option.equals("--lease-namespace") && !value.matches(NAMESPACE))) {
      throw invalid(option + ": " + value + " is not a valid name");
    }
  }

  private ParameterException invalid(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String identity() {
    String pod = System.getenv("POD_NAME");
    String host = pod;
    if (blank(host)) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "operator";
      }
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String first = e.getMessage() == null ? "" : e.getMessage();
    String text = first.isEmpty() || first.equals(message) ? message : first + ": " + message;
    return Arrays.stream(text.split("\\R")).findFirst().orElse(text);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"websocket-bridge-operator " + (version == null ? "dev" : version)};
    }
  }
}
