package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.Kubectl;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bridges roll out in a namespace whose PodSecurity admission enforces {@code restricted}. */
class PodSecurityE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String IMAGE = "ghcr.io/netra/netra-backend:3.0.0";

  @BeforeAll
  static void publish() {
    harness.publish(IMAGE, ImageBehaviour.healthy());
  }

  @Test
  void aBridgeBecomesReadyWhereRestrictedIsEnforced() {
    String ns =
        harness.newNamespace(
            Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest",
                "pod-security.kubernetes.io/warn", "restricted"));
    harness.create(harness.bridge(ns, "chat", IMAGE, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    assertThat(harness.pods(ns)).hasSize(2);
    assertThat(harness.eventReasons(ns)).doesNotContain("FailedCreate");
  }

  @Test
  void theRestrictedProfileReallyRefusesAPrivilegedPod() {
    String ns = harness.newNamespace(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    Kubectl.Result result =
        harness.cluster.kubectl.run(
            "run", "privileged", "-n", ns, "--image=" + IMAGE, "--privileged=true");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("violates PodSecurity");
  }
}
