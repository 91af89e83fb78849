package io.netra.bridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netra.bridge.model.FailureReason;
import io.netra.bridge.testing.TestBridges;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevisionHealthClassifierTest {
  private static final String HASH = "a3bb14f194ed3eaa";
  private static final String INCIDENT =
      "Traceback (most recent call last):\n  File \"/app/bridge.py\", line 88, in main\n"
          + "    bridge.configure(settings)\n"
          + "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  private static final Function<Pod, ConfigCheck> ALL_CONFIGURED =
      p -> new ConfigCheck(ConfigCheck.State.CONFIGURED, HASH);

  private static PodBuilder pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(Map.of("bridge.netra.io/config-hash", HASH))
        .endMetadata();
  }

  private static Pod ready(String name, String digest) {
    return pod(name)
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("bridge")
                .withReady(true)
                .withRestartCount(0)
                .withImageID("ghcr.io/netra/bridge@" + digest)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  private static Pod notReady(String name) {
    return pod(name)
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus("False")
        .endCondition()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("bridge")
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  private static Pod crashLooping(String name, int restarts, String terminationMessage) {
    ContainerStatus status =
        new ContainerStatusBuilder()
            .withName("bridge")
            .withReady(false)
            .withRestartCount(restarts)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .withMessage("back-off 20s restarting failed container")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .withReason("Error")
            .withMessage(terminationMessage)
            .endTerminated()
            .endLastState()
            .build();
    return pod(name).withNewStatus().addToContainerStatuses(status).endStatus().build();
  }

  private static Pod waiting(String name, String reason, String message) {
    return pod(name)
        .withNewStatus()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("bridge")
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  @Test
  void crashLoopAboveMaxStartupRestartsFailsWithExitCodeAndMessageTail() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(ready("chat-a", TestBridges.DIGEST), crashLooping("chat-b", 2, INCIDENT)),
            2,
            1,
            ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.FAILED);
    assertThat(health.failed()).isTrue();
    assertThat(health.failure()).isEqualTo(FailureReason.CrashLoopBackOff);
    assertThat(health.message())
        .contains("pod chat-b", "container bridge", "2 times", "exit code 1")
        .endsWith("AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'");
  }

  @Test
  void crashLoopAtMaxStartupRestartsIsNotYetAFailure() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(crashLooping("chat-b", 1, INCIDENT)), 1, 1, ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.failure()).isNull();
    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.ProgressDeadlineExceeded);
  }

  @Test
  void crashMessageFallsBackToTheTerminationReason() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(crashLooping("chat-b", 3, "  ")), 1, 1, ALL_CONFIGURED);

    assertThat(health.message()).endsWith("exit code 1 (Error)");
  }

  @Test
  void longTerminationMessagesAreCutToTheirTail() {
    String message = "x".repeat(5000) + INCIDENT;

    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(crashLooping("chat-b", 2, message)), 1, 1, ALL_CONFIGURED);

    String tail = message.substring(message.length() - RevisionHealthClassifier.MESSAGE_TAIL);
    assertThat(health.message()).endsWith("…" + tail).doesNotContain("x".repeat(600));
    assertThat(health.message().length()).isLessThan(RevisionHealthClassifier.MESSAGE_TAIL + 120);
  }

  @ParameterizedTest
  @CsvSource({
    "ErrImagePull, ImagePullFailure",
    "ImagePullBackOff, ImagePullFailure",
    "InvalidImageName, ImagePullFailure",
    "CreateContainerConfigError, ContainerConfigError",
    "CreateContainerError, ContainerConfigError",
    "RunContainerError, ContainerConfigError",
  })
  void fatalWaitingReasonsFailAtOnce(String waitingReason, FailureReason reason) {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(waiting("chat-a", waitingReason, "secret \"token\" not found")),
            1,
            1,
            ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.FAILED);
    assertThat(health.failure()).isEqualTo(reason);
    assertThat(health.message()).contains("chat-a", waitingReason, "secret \"token\" not found");
  }

  @ParameterizedTest
  @CsvSource({"ContainerCreating", "PodInitializing"})
  void ordinaryWaitingReasonsAreProgress(String waitingReason) {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(waiting("chat-a", waitingReason, null)), 1, 1, ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
  }

  @Test
  void allReadyAndConfiguredIsHealthyWithTheMajorityDigest() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(
                ready("chat-a", TestBridges.OTHER_DIGEST),
                ready("chat-b", TestBridges.DIGEST),
                ready("chat-c", TestBridges.DIGEST)),
            3,
            1,
            ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.HEALTHY);
    assertThat(health.healthy()).isTrue();
    assertThat(health.digest()).isEqualTo(TestBridges.DIGEST);
    assertThat(health.pods()).isEqualTo(3);
    assertThat(health.ready()).isEqualTo(3);
    assertThat(health.configured()).isEqualTo(3);
    assertThat(health.failure()).isNull();
  }

  @Test
  void readyButStaleIsProgressingAndWouldFailAsNotConfigured() {
    Pod a = ready("chat-a", TestBridges.DIGEST);
    Pod b = ready("chat-b", TestBridges.DIGEST);
    Function<Pod, ConfigCheck> checks =
        p ->
            p == b
                ? new ConfigCheck(ConfigCheck.State.STALE, "0000111122223333")
                : new ConfigCheck(ConfigCheck.State.CONFIGURED, HASH);

    RevisionHealth health = RevisionHealthClassifier.classify(List.of(a, b), 2, 1, checks);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.failure()).isNull();
    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.NotConfigured);
    assertThat(health.configured()).isEqualTo(1);
    assertThat(health.message())
        .contains("2/2 pods Ready", "1/2 configured", "chat-b", "0000111122223333", HASH);
  }

  @Test
  void readyWithAConfigCheckUnansweredCannotFailAtTheDeadlineYet() {
    Pod a = ready("chat-a", TestBridges.DIGEST);
    Pod b = ready("chat-b", TestBridges.DIGEST);
    Function<Pod, ConfigCheck> checks =
        p -> p == b ? ConfigCheck.PENDING : new ConfigCheck(ConfigCheck.State.CONFIGURED, HASH);

    RevisionHealth health = RevisionHealthClassifier.classify(List.of(a, b), 2, 1, checks);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.deadlineFailure()).isNull();
  }

  @Test
  void notAllReadyWouldFailAsProgressDeadlineExceeded() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(ready("chat-a", TestBridges.DIGEST), notReady("chat-b")), 2, 1, ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.deadlineFailure()).isEqualTo(FailureReason.ProgressDeadlineExceeded);
    assertThat(health.message()).startsWith("1/2 pods Ready");
  }

  @Test
  void tooFewPodsIsNotHealthy() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(ready("chat-a", TestBridges.DIGEST)), 2, 1, ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
  }

  @Test
  void terminatingPodsAreIgnored() {
    Pod terminatingCrash = crashLooping("chat-old", 5, INCIDENT);
    terminatingCrash.getMetadata().setDeletionTimestamp("2026-03-01T10:00:00Z");
    Pod terminatingReady = ready("chat-old2", TestBridges.OTHER_DIGEST);
    terminatingReady.getMetadata().setDeletionTimestamp("2026-03-01T10:00:00Z");

    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(terminatingCrash, terminatingReady, ready("chat-a", TestBridges.DIGEST)),
            2,
            1,
            ALL_CONFIGURED);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.pods()).isEqualTo(1);
    assertThat(health.ready()).isEqualTo(1);
  }

  @Test
  void podsWithoutStatusAreProgress() {
    RevisionHealth health =
        RevisionHealthClassifier.classify(
            List.of(pod("chat-a").build()), 1, 1, p -> ConfigCheck.PENDING);

    assertThat(health.state()).isEqualTo(RevisionHealth.State.PROGRESSING);
    assertThat(health.digest()).isNull();
  }

  @Test
  void anImageLoadedLocallyGivesItsBareImageIdAsTheDigestToPin() {
    Pod local = ready("chat-a", TestBridges.DIGEST);
    local.getStatus().getContainerStatuses().get(0).setImageID(TestBridges.DIGEST);

    RevisionHealth health = RevisionHealthClassifier.classify(List.of(local), 1, 1, ALL_CONFIGURED);

    assertThat(health.digest()).isEqualTo(TestBridges.DIGEST);
    assertThat(
            io.netra.bridge.model.ImageReference.parse("kind.local/bridge:dev")
                .orElseThrow()
                .pinned(health.digest()))
        .isEqualTo("kind.local/bridge@" + TestBridges.DIGEST);
  }
}
