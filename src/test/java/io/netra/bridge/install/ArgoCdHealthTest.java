package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Argo CD health check ({@code deploy/argocd/health.lua}) with Debian's {@code lua5.4} on
 * status fixtures (Lua tables under {@code src/test/resources/argocd/fixtures}). Each fixture says
 * what it expects in its header: {@code -- expect: <status>} and {@code -- expect-message: <text>}.
 * Without {@code lua5.4} the tests are skipped, except in CI (env {@code CI} set), where they fail.
 */
class ArgoCdHealthTest {
  static final Path HEALTH = Path.of("deploy", "argocd", "health.lua");
  static final Path HARNESS = Path.of("src", "test", "resources", "argocd", "harness.lua");
  static final Path FIXTURES = Path.of("src", "test", "resources", "argocd", "fixtures");
  static final String LUA = "lua5.4";

  record Result(String status, String message) {}

  @BeforeAll
  static void luaIsInstalled() {
    RequiredTool.require(onPath(LUA), LUA, "apt-get install -y lua5.4");
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(p -> p.toString().endsWith(".lua")).sorted().toList().stream();
    }
  }

  @Test
  void everyHealthStatusHasAFixture() throws IOException {
    List<String> expected = new ArrayList<>();
    for (Path f : fixtures().toList()) {
      expected.add(header(f, "expect"));
    }
    assertThat(expected).contains("Healthy", "Progressing", "Degraded", "Suspended");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void reportsTheExpectedHealth(Path fixture) throws Exception {
    Result result = run(fixture);
    assertThat(result.status()).as("status for %s", fixture).isEqualTo(header(fixture, "expect"));
    assertThat(result.message())
        .as("message for %s", fixture)
        .contains(header(fixture, "expect-message"));
  }

  @Test
  void aBrokenScriptFailsTheHarness() throws Exception {
    Path broken = Files.createTempFile("health-", ".lua");
    Files.writeString(broken, "local hs = {}\nhs.status = 'Healthy'\nreturn hs\n");
    Path fixture = FIXTURES.resolve("degraded-rolled-back.lua");
    assertThat(run(broken, fixture).status())
        .as("a script that ignores status must disagree with the fixture")
        .isNotEqualTo(header(fixture, "expect"));
    Files.delete(broken);
  }

  static Result run(Path fixture) throws Exception {
    return run(HEALTH, fixture);
  }

  static Result run(Path script, Path fixture) throws Exception {
    Process process =
        new ProcessBuilder(LUA, HARNESS.toString(), script.toString(), fixture.toString())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(LUA + " did not finish");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", LUA, out).isZero();
    String status = null;
    String message = null;
    for (String line : out.lines().toList()) {
      if (line.startsWith("status=")) {
        status = line.substring("status=".length());
      } else if (line.startsWith("message=")) {
        message = line.substring("message=".length());
      }
    }
    assertThat(status).as("status line in:%n%s", out).isNotNull();
    return new Result(status, message);
  }

  static String header(Path fixture, String key) throws IOException {
    String prefix = "-- " + key + ": ";
    return Files.readAllLines(fixture).stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError(fixture + " has no '" + prefix + "' header"));
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
