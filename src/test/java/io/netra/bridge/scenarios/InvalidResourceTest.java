package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.ImageBehaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid bridge is reported in status, gets no owned object, and harms no other bridge. */
class InvalidResourceTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void anInvalidBridgeIsReportedWhileOtherBridgesKeepWorking() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:13.0.0", ImageBehaviour.healthy());
    harness.create(
        harness.bridge(ns, "broken", "ghcr.io/netra/Bridge:UPPER CASE", s -> s.replicas = -3));
    harness.create(harness.bridge(ns, "chat", "ghcr.io/netra/bridge:13.0.0", s -> {}));

    WebSocketBridgeStatus broken = harness.awaitPhase(ns, "broken", Phase.Failed);
    harness.awaitPhase(ns, "chat", Phase.Ready);

    Condition ready =
        broken.conditions.stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.image");
    assertThat(harness.conditionStatuses(broken)).containsEntry("Stalled", "True");
    assertThat(harness.deployment(ns, "broken")).isNull();
    assertThat(harness.client.configMaps().inNamespace(ns).list().getItems())
        .noneMatch(c -> c.getMetadata().getName().startsWith("broken"));
    assertThat(harness.client.services().inNamespace(ns).withName("broken").get()).isNull();
    assertThat(harness.eventReasons(ns)).contains("InvalidSpec");
  }

  @Test
  void fixingAnInvalidBridgeRollsItOut() {
    String ns = harness.newNamespace();
    harness.publish("ghcr.io/netra/bridge:13.1.0", ImageBehaviour.healthy());
    harness.create(harness.bridge(ns, "chat", "not a valid image", s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Failed);

    harness.edit(ns, "chat", b -> b.getSpec().image = "ghcr.io/netra/bridge:13.1.0");

    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Ready);
    assertThat(harness.conditionStatuses(status)).containsEntry("Stalled", "False");
  }
}
