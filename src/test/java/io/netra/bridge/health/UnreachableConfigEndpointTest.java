package io.netra.bridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netra.bridge.model.FailureReason;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A config endpoint that refuses connections or times out (a NetworkPolicy, a wrong port) is not
 * evidence that a pod has not applied its config: at the deadline such a revision fails with its
 * own reason, naming the network requirement, not as {@code NotConfigured}.
 */
class UnreachableConfigEndpointTest {
  private static final String HASH = "a3bb14f194ed3eaa";
  private static final ConfigCheck UNREACHABLE =
      new ConfigCheck(ConfigCheck.State.UNREACHABLE, null);
  private static final ConfigCheck CONFIGURED = new ConfigCheck(ConfigCheck.State.CONFIGURED, HASH);

  private static Pod ready(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(Map.of("bridge.netra.io/config-hash", HASH))
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  private static RevisionHealth classify(List<Pod> pods, Function<Pod, ConfigCheck> checks) {
    return RevisionHealthClassifier.classify(pods, pods.size(), 1, checks);
  }

  @Test
  void readyPodsThatCannotBeReachedWouldFailAsConfigCheckUnreachable() {
    RevisionHealth health = classify(List.of(ready("chat-a"), ready("chat-b")), p -> UNREACHABLE);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.failure()).isNull();
    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.ConfigCheckUnreachable);
    assertThat(health.message())
        .startsWith("2/2 pods Ready, 0/2 configured; the operator could not reach")
        .contains("NetworkPolicies", "container port");
  }

  @Test
  void oneReachedAndOneUnreachableIsStillUnreachableForTheRest() {
    Pod a = ready("chat-a");
    Pod b = ready("chat-b");

    RevisionHealth health = classify(List.of(a, b), p -> p == a ? CONFIGURED : UNREACHABLE);

    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.ConfigCheckUnreachable);
    assertThat(health.configured()).isEqualTo(1);
  }

  @Test
  void aPodThatAnsweredNotConfiguredIsEvidenceEvenIfAnotherIsUnreachable() {
    Pod a = ready("chat-a");
    Pod b = ready("chat-b");

    RevisionHealth health =
        classify(
            List.of(a, b),
            p -> p == a ? new ConfigCheck(ConfigCheck.State.NOT_CONFIGURED, null) : UNREACHABLE);

    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.NotConfigured);
    assertThat(health.message()).doesNotContain("could not reach");
  }

  @Test
  void anUnreachablePodStillWaitsForAnAnswerBeforeTheDeadline() {
    RevisionHealth health = classify(List.of(ready("chat-a")), p -> ConfigCheck.PENDING);

    assertThat(health.deadlineFailure()).isNull();
  }

  @Test
  void reachableAndConfiguredIsHealthy() {
    RevisionHealth health = classify(List.of(ready("chat-a")), p -> CONFIGURED);

    assertThat(health.healthy()).isTrue();
  }
}
