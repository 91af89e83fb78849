package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.reliability.FaultInjector.Call;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 3: the operator's watch connections drop and changes happen while they are down.
 * The connection is cut at the TCP level (every watch and request), changes are made, the
 * connection comes back. Because the mock server cannot replay missed events, the first watch of
 * each kind is answered 410 Gone (see {@link ApiFaultsTest#goneOnNextWatchOfEveryKind}). Pass: the
 * changes are reconciled after reconnection, without a burst of redundant writes: an untouched
 * bridge gets no write at all, a changed one only the writes its change needs.
 */
class WatchLossTest {
  static ReliabilityHarness harness;
  static final String V1 = "ghcr.io/netra/bridge:23.0.0";
  static final String V2 = "ghcr.io/netra/bridge:23.1.0";

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(V1, ImageBehaviour.healthy());
    harness.publish(V2, ImageBehaviour.healthy());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void changesMadeWhileTheWatchesAreDownAreReconciledAfterReconnection() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "changed", V1, s -> {}));
    harness.create(harness.bridge(ns, "untouched", V1, s -> {}));
    harness.awaitPhase(ns, "changed", Phase.Ready);
    harness.awaitPhase(ns, "untouched", Phase.Ready);
    harness.cluster.awaitSteps(20);
    String untouchedVersion = harness.get(ns, "untouched").getMetadata().getResourceVersion();

    harness.proxy.partition();
    ApiFaultsTest.goneOnNextWatchOfEveryKind(harness.faults());
    int before = harness.faults().calls().size();
    harness.edit(ns, "changed", b -> b.getSpec().image = V2);
    harness.client.services().inNamespace(ns).withName("changed").delete();
    harness.cluster.awaitSteps(50);
    harness.proxy.heal();

    try {
      harness.awaitStatus(
          ns,
          "changed",
          Duration.ofSeconds(40),
          s ->
              s.phase == Phase.Ready
                  && V2.equals(harness.deployedImage(ns, "changed"))
                  && s.currentRevision != null
                  && V2.equals(s.currentRevision.image)
                  && harness.client.services().inNamespace(ns).withName("changed").get() != null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "not reconciled; calls after the cut: "
              + harness.faults().calls().subList(before, harness.faults().calls().size()),
          e);
    }
    harness.cluster.awaitSteps(50);

    List<Call> after = harness.faults().calls().subList(before, harness.faults().calls().size());
    List<Call> writes = after.stream().filter(Call::isWrite).toList();
    assertThat(writes)
        .as("the untouched bridge gets no write")
        .noneMatch(c -> c.path().contains("/untouched"));
    assertThat(harness.get(ns, "untouched").getMetadata().getResourceVersion())
        .isEqualTo(untouchedVersion);
    assertThat(writes.stream().filter(c -> c.is("PUT", "deployments")).count())
        .as("one Deployment update for the new image")
        .isEqualTo(1);
    assertThat(writes.stream().filter(c -> c.is("POST", "services")).count()).isEqualTo(1);
    assertThat(writes.stream().filter(c -> c.resource().equals("websocketbridges/status")).count())
        .as("status writes of the changed bridge: progressing, then ready, and a few counts")
        .isLessThanOrEqualTo(8);
    assertThat(harness.eventCount(ns, "ManualChangeReverted")).isEqualTo(1);
  }
}
