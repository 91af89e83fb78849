package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: help, and one clear line with exit code 2 for every invalid setting. */
class MainTest {
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryOptionTheDemoAndTheBenchmark() {
    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "--kubeconfig",
            "--context",
            "--namespaces",
            "--metrics-port",
            "--leader-election",
            "--lease-name",
            "--lease-namespace",
            "--log-level",
            "--log-format",
            "--reconcile-threads",
            "demo",
            "bench");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void demoHelpListsItsOptions() {
    Run help = run("demo", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--json", "--keep", "--timeout", "--log-level");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--metrics-port=70000                         | --metrics-port must be between 0 and 65535",
        "--metrics-port=abc                           | Invalid value for option '--metrics-port'",
        "--reconcile-threads=0                        | --reconcile-threads must be between 1 and 256",
        "--namespaces=apps,Bad_NS                     | --namespaces: Bad_NS is not a namespace name",
        "--log-level=LOUD                             | --log-level must be one of",
        "--log-format=xml                             | --log-format must be text or json",
        "--kubeconfig=/nonexistent/kubeconfig         | is not a readable file",
        "--no-such-flag                               | Unknown option: '--no-such-flag'",
        "--leader-election --lease-name=Not_A_Name    | --lease-name: Not_A_Name is not a valid name",
      })
  void anInvalidSettingExitsWithCode2AndOneLine(String args, String message) {
    Run result = run(args.trim().split(" "));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).startsWith("error: ").contains(message.trim()).contains("--help");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aNamespaceCalledDemoIsAnOptionValueNotTheSubcommand() {
    Run result = run("--namespaces", "demo", "--metrics-port", "70000");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--metrics-port must be between 0 and 65535");
  }

  @Test
  void demoRejectsInvalidSettingsTheSameWay() {
    Run result = run("demo", "--timeout=0");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("--timeout must be at least 1 second");
  }

  @Test
  void aContextMissingFromTheKubeconfigIsAnInvalidSetting(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path kubeconfig = dir.resolve("config");
    java.nio.file.Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server:"
            + " http://127.0.0.1:1\ncontexts:\n- name: here\n  context:\n    cluster: c\n"
            + "current-context: here\nusers: []\n");
    Run result = run("--kubeconfig=" + kubeconfig, "--context=elsewhere");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--context elsewhere is not in");
  }
}
