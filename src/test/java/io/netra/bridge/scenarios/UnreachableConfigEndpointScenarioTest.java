package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A revision whose Ready pods refuse the operator's connections to their config endpoint (a
 * NetworkPolicy, a wrong port) is not promoted: the operator cannot verify it. At the deadline it
 * is rolled back with its own reason, {@code ConfigCheckUnreachable}, whose message names the
 * network requirement, instead of being reported as a pod that has not applied its config.
 */
class UnreachableConfigEndpointScenarioTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void aRevisionWhoseConfigEndpointRefusesConnectionsFailsAsConfigCheckUnreachable() {
    String good = "ghcr.io/netra/bridge:6.0.0";
    String goodDigest = harness.publish(good, ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:6.0.1", ImageBehaviour.configEndpointUnreachable());
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", good, s -> s.rollout.progressDeadlineSeconds = 2));
    harness.awaitPhase(ns, "chat", Phase.Ready);

    harness.edit(ns, "chat", b -> b.getSpec().image = "ghcr.io/netra/bridge:6.0.1");
    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");

    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
    FailedRevision failed = status.failedRevisions.get(0);
    assertThat(failed.reason).isEqualTo("ConfigCheckUnreachable");
    assertThat(failed.message)
        .contains("pods Ready, 0/")
        .contains("could not reach the config endpoint")
        .contains("NetworkPolicies")
        .contains("2s after the rollout started");
  }
}
