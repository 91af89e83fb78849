package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netra.bridge.testing.Kubectl;
import io.netra.bridge.testing.RequiredTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo plays the incident to the end, as text, as JSON, and leaves kubectl something to see.
 */
class DemoTest {

  @Test
  void theDemoTellsTheWholeStoryAndExits0() {
    MainTest.Run run = MainTest.run("demo", "--step-ms=10", "--timeout=60");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> timeline =
        run.out()
            .lines()
            .map(String::trim)
            .filter(l -> l.matches("\\+\\d+ ms .*"))
            .map(l -> l.replaceFirst("^\\+\\d+ ms\\s+", "").replaceAll("\\s+", " "))
            .toList();
    String repository = "gcr.io/netra-staging/netra-backend";
    assertThat(timeline).hasSize(9);
    assertThat(timeline.get(0)).isEqualTo("apply chat image " + repository + ":1.4.0 (2 replicas)");
    assertThat(timeline.get(1))
        .matches("ready 1\\.4\\.0 Ready: 2/2 pods Ready and configured; stable digest sha256:\\w+");
    String stableDigest = timeline.get(1).replaceFirst(".*stable digest ", "");
    assertThat(timeline.get(2)).isEqualTo("apply chat image " + repository + ":1.5.0");
    assertThat(timeline.get(3))
        .matches(
            "crash pod chat-\\S+ exited with code 1: AttributeError: 'AgentWebSocketBridge' object"
                + " has no attribute 'configure'");
    assertThat(timeline.get(4)).startsWith("detected CrashLoopBackOff: ");
    assertThat(timeline.get(5))
        .isEqualTo("rollback Deployment back on " + repository + "@" + stableDigest);
    assertThat(timeline.get(6))
        .isEqualTo(
            "serving phase RolledBack: 2/2 pods Ready on the stable digest; 1.5.0 will not be"
                + " retried by itself");
    assertThat(timeline.get(7)).isEqualTo("apply chat image " + repository + ":1.5.1");
    assertThat(timeline.get(8))
        .matches("ready 1\\.5\\.1 Ready: 2/2 pods Ready and configured; stable digest sha256:\\w+")
        .doesNotEndWith(stableDigest);
    assertThat(run.out())
        .containsPattern("Detection: \\d+ ms")
        .containsPattern("Rollback: +\\d+ ms");
  }

  @Test
  void theJsonTimelineIsOneDocumentWithTheSameSteps() throws Exception {
    MainTest.Run run = MainTest.run("demo", "--json", "--step-ms=10", "--timeout=60");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("outcome").asText()).isEqualTo("completed");
    assertThat(doc.get("failureReason").asText()).isEqualTo("CrashLoopBackOff");
    assertThat(doc.get("detectionToRollbackMs").asLong()).isNotNegative();
    assertThat(doc.get("steps")).hasSize(9);
    long previous = -1;
    for (JsonNode step : doc.get("steps")) {
      assertThat(step.get("elapsedMs").asLong()).isGreaterThanOrEqualTo(previous);
      previous = step.get("elapsedMs").asLong();
    }
    assertThat(doc.get("steps").get(5).get("event").asText()).isEqualTo("rollback");
  }

  @Test
  void aStoryThatDoesNotHappenInTimeExits1() {
    // One-second steps: the first rollout alone takes longer than the timeout.
    MainTest.Run run = MainTest.run("demo", "--step-ms=1000", "--timeout=1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: the demo did not complete: timed out waiting for");
  }

  @Test
  void kubectlSeesTheDemoBridgeItsEventsAndCanApply(@TempDir Path dir) throws Exception {
    RequiredTool.requireKubectl();
    try (DemoEnvironment env = new DemoEnvironment(Duration.ofMillis(10))) {
      DemoTimeline timeline = new DemoTimeline();
      new DemoStory(
              env.client,
              env.registry,
              env.meters,
              timeline,
              new Progress(new PrintStream(new ByteArrayOutputStream()), false),
              Duration.ofSeconds(60))
          .play();
      Kubectl kubectl = new Kubectl(env.writeKubeconfig(dir.resolve("kubeconfig")));

      Kubectl.Result get = kubectl.run("get", "wsb");
      assertThat(get.exitCode()).as(get.stderr()).isZero();
      assertThat(get.stdout())
          .containsPattern("chat\\s+\\S+\\s+2\\s+\\S+netra-backend:1.5.1\\s+Ready\\s+2");

      Kubectl.Result describe = kubectl.run("describe", "wsb", "chat");
      assertThat(describe.exitCode()).as(describe.stderr()).isZero();
      assertThat(describe.stdout())
          .contains("Failed Revisions:")
          .contains("CrashLoopBackOff")
          .contains("RolledBack")
          .contains("RolloutSucceeded");

      Kubectl.Result apply =
          kubectl.run(
              "apply",
              "--validate=false",
              "-f",
              Path.of("src/test/resources/examples/chat.yaml").toString());
      assertThat(apply.exitCode()).as(apply.stderr()).isZero();
      assertThat(apply.stdout()).contains("websocketbridge.bridge.netra.io/chat configured");
    }
  }

  @Test
  void summaryTextNamesDetectionAndRollback() {
    DemoTimeline timeline = new DemoTimeline();
    timeline.summary("firstCrashToDetectionMs", 120L);
    timeline.summary("failureReason", "CrashLoopBackOff");
    timeline.summary("detectionToRollbackMs", 15L);
    timeline.summary("applyToRollbackMs", 800L);
    String text = DemoCommand.summaryText(timeline);
    assertThat(text)
        .contains("Detection: 120 ms from the first crash")
        .contains("CrashLoopBackOff")
        .contains("Rollback:  15 ms from detection")
        .contains("800 ms from applying 1.5.0")
        .doesNotContain("Operator metric");
  }
}
