package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FirstRolloutTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void firstRolloutBecomesReadyAndPinsTheStableDigest() {
    String ns = harness.newNamespace();
    String digest = harness.publish("ghcr.io/netra/bridge:1.0.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:1.0.0", s -> {}));

    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Ready);

    assertThat(status.stableRevision.image).isEqualTo("ghcr.io/netra/bridge@" + digest);
    assertThat(status.stableRevision.digest).isEqualTo(digest);
    assertThat(status.readyReplicas).isEqualTo(2);
    assertThat(status.configuredReplicas).isEqualTo(2);
    assertThat(harness.conditionStatuses(status))
        .containsEntry("Ready", "True")
        .containsEntry("Reconciling", "False")
        .containsEntry("Stalled", "False")
        .containsEntry("Configured", "True")
        .containsEntry("RolledBack", "False");
    assertThat(harness.eventReasons(ns)).contains("RolloutStarted", "RolloutSucceeded");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge:1.0.0");
  }
}
