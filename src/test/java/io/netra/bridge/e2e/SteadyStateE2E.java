package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing changed means nothing written, on a server that defaults every field the operator leaves
 * out (a field the operator compares without the server's default would be rewritten in a loop).
 * Writes are counted at the operator's client, so a PUT that changes nothing counts as well.
 */
class SteadyStateE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String IMAGE = "ghcr.io/netra/netra-backend:5.0.0";
  static final int BRIDGES = 50;
  static final Duration QUIET = Duration.ofSeconds(60);

  @BeforeAll
  static void publish() {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void fiftyReadyBridgesCauseNoWriteInAMinuteNorAfterARestart() throws InterruptedException {
    String ns = harness.newNamespace();
    List<String> names = IntStream.range(0, BRIDGES).mapToObj(i -> "bridge-" + i).toList();
    // The first rollout of 100 pods at once takes the real controllers longer than the 10 s
    // deadline the other tests use.
    names.forEach(
        name ->
            harness.create(
                harness.bridge(ns, name, IMAGE, s -> s.rollout.progressDeadlineSeconds = 300)));
    names.forEach(
        name ->
            harness.awaitStatus(
                ns,
                name,
                Duration.ofSeconds(180),
                s -> s.phase == Phase.Ready && s.configuredReplicas == 2 && s.readyReplicas == 2));
    String before = statusVersions(ns);

    harness.operator().requests.clear();
    Thread.sleep(QUIET.toMillis());
    assertThat(writesInto(ns)).as("writes in %s of quiet", QUIET).isEmpty();
    assertThat(statusVersions(ns)).isEqualTo(before);

    harness.stopOperator();
    harness.startOperator();
    Thread.sleep(QUIET.toMillis() / 2);
    assertThat(harness.operator().requests.all())
        .as("the restarted operator read the cluster")
        .isNotEmpty();
    assertThat(writesInto(ns)).as("writes after a restart").isEmpty();
    assertThat(statusVersions(ns)).isEqualTo(before);
  }

  /**
   * The operator's writes into {@code ns}; other namespaces of the run may be being deleted by
   * earlier test classes, where one refused create per bridge is expected.
   */
  private static List<ApiRequestLog.Request> writesInto(String ns) {
    return harness.operator().requests.writes().stream()
        .filter(r -> r.path().contains("/namespaces/" + ns + "/"))
        .toList();
  }

  /** Every bridge's resourceVersion: a status write by anyone changes it. */
  private static String statusVersions(String ns) {
    return harness
        .client
        .resources(WebSocketBridge.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .stream()
        .map(b -> b.getMetadata().getName() + "=" + b.getMetadata().getResourceVersion())
        .sorted()
        .toList()
        .toString();
  }
}
