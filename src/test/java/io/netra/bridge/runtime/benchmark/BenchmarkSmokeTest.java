package io.netra.bridge.runtime.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The harness still runs end to end and reports every section; no timing is asserted. */
class BenchmarkSmokeTest {

  @Test
  void aTinyRunWritesEverySectionAsJson(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("bench.json");
    StringWriter printed = new StringWriter();
    CommandLine command = new CommandLine(new BenchmarkCommand());
    command.setOut(new PrintWriter(printed));

    int exit =
        command.execute(
            "--bridges",
            "2",
            "--repetitions",
            "1",
            "--stale-repetitions",
            "0",
            "--edits",
            "1",
            "--idle-seconds",
            "0",
            "--verbose",
            "--no-warm-up",
            "--output",
            output.toString());

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(output.toFile());
    for (String section :
        new String[] {"detection", "convergence", "steady", "footprint", "startup"}) {
      assertThat(json.path("sections").path(section).isArray()).as(section).isTrue();
      assertThat(json.path("sections").path(section)).as(section).isNotEmpty();
      json.path("sections")
          .path(section)
          .forEach(m -> assertThat(m.path("value").path("p99").isNumber()).isTrue());
    }
    assertThat(json.path("sections").path("detection").toString())
        .contains("crash loop", "image pull failure", "stale config", "watch delivery");
    assertThat(json.path("machine").path("availableProcessors").asInt()).isPositive();
    assertThat(printed.toString()).contains("| detection", "| footprint", "written to");
  }
}
