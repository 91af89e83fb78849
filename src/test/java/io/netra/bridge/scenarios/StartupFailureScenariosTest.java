package io.netra.bridge.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RollbackMarker;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One scenario per way a new revision fails at startup, each rolled back to the stable digest. */
class StartupFailureScenariosTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  /** A Ready bridge on a good build; returns the namespace. */
  private String readyBridge(String goodImage) {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", goodImage, s -> {}));
    harness.awaitPhase(ns, "chat", Phase.Ready);
    return ns;
  }

  private WebSocketBridgeStatus rollOutAndAwaitRollback(String ns, String badImage) {
    harness.edit(ns, "chat", b -> b.getSpec().image = badImage);
    return harness.awaitRolledBack(ns, "chat");
  }

  @Test
  void theIncidentStartupCrashIsRolledBackToTheStableDigestWithTheMessageInStatus() {
    String good = "ghcr.io/netra/bridge:1.4.0";
    String goodDigest = harness.publish(good, ImageBehaviour.healthy());
    harness.publish(
        "ghcr.io/netra/bridge:1.5.0",
        ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
    String ns = readyBridge(good);

    WebSocketBridgeStatus status = rollOutAndAwaitRollback(ns, "ghcr.io/netra/bridge:1.5.0");

    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
    assertThat(status.failedRevisions).hasSize(1);
    FailedRevision failed = status.failedRevisions.get(0);
    assertThat(failed.image).isEqualTo("ghcr.io/netra/bridge:1.5.0");
    assertThat(failed.reason).isEqualTo("CrashLoopBackOff");
    assertThat(failed.message)
        .contains("exit code 1")
        .contains("AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'");
    assertThat(harness.conditionStatuses(status))
        .containsEntry("Ready", "False")
        .containsEntry("Stalled", "True")
        .containsEntry("RolledBack", "True");
    assertThat(status.stableRevision.image).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
    assertThat(status.currentRevision.image).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
    assertThat(harness.eventReasons(ns)).contains("RolloutFailed", "RolledBack");
    // The rollback write itself carried the failure, so a restart before the status write could
    // not have retried the failed revision.
    assertThat(RollbackMarker.read(harness.deployment(ns, "chat")))
        .hasValueSatisfying(
            marked -> {
              assertThat(marked.revision).isEqualTo(failed.revision);
              assertThat(marked.reason).isEqualTo("CrashLoopBackOff");
            });
    // What serves traffic stays visible: the stable pods are Ready again.
    harness.awaitStatus(
        ns, "chat", Duration.ofSeconds(10), s -> s.readyReplicas == 2 && s.replicas == 2);

    // Someone else's annotation on the Deployment (a tool, a person) survives the next rollout;
    // the operator's own failure marker does not.
    harness.editByHand(
        harness.client.apps().deployments().inNamespace(ns).withName("chat"),
        d -> {
          d.getMetadata().getAnnotations().put("example.com/owner", "team-chat");
          return d;
        });
    harness.edit(ns, "chat", b -> b.getSpec().image = good);
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(20),
        s -> s.phase == Phase.Ready && s.failedRevisions.size() == 1);
    harness.edit(ns, "chat", b -> b.getSpec().bridge.settings.put("after", "incident"));
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(20),
        s -> s.phase == Phase.Ready && !s.stableRevision.name.equals(failed.revision));
    assertThat(RollbackMarker.read(harness.deployment(ns, "chat"))).isEmpty();
    assertThat(harness.deployment(ns, "chat").getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "team-chat");
  }

  /** As on kind: the runtime reports a bare sha256: imageID for images loaded locally. */
  @Test
  void aCrashOfAnImageLoadedLocallyIsRolledBackToTheStableImagePinnedByDigest() {
    String good = "kind.local/netra/bridge:dev-1";
    String goodDigest = harness.registry.loadLocally(good, ImageBehaviour.healthy());
    harness.registry.loadLocally(
        "kind.local/netra/bridge:dev-2",
        ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
    String ns = readyBridge(good);

    WebSocketBridgeStatus status = rollOutAndAwaitRollback(ns, "kind.local/netra/bridge:dev-2");

    assertThat(status.stableRevision.digest).isEqualTo(goodDigest);
    assertThat(harness.deployedImage(ns, "chat"))
        .isEqualTo("kind.local/netra/bridge@" + goodDigest);
  }

  @Test
  void anImagePullFailureIsRolledBack() {
    String good = "ghcr.io/netra/bridge:2.0.0";
    String goodDigest = harness.publish(good, ImageBehaviour.healthy());
    String ns = readyBridge(good);

    WebSocketBridgeStatus status = rollOutAndAwaitRollback(ns, "ghcr.io/netra/bridge:2.0.1-typo");

    assertThat(status.failedRevisions.get(0).reason).isEqualTo("ImagePullFailure");
    assertThat(status.failedRevisions.get(0).message).contains("ErrImagePull");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo("ghcr.io/netra/bridge@" + goodDigest);
  }

  @Test
  void aContainerConfigErrorIsRolledBack() {
    String good = "ghcr.io/netra/bridge:2.1.0";
    harness.publish(good, ImageBehaviour.healthy());
    String ns = readyBridge(good);

    harness.edit(
        ns,
        "chat",
        b ->
            b.getSpec()
                .env
                .add(
                    new EnvVarBuilder()
                        .withName("API_TOKEN")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName("bridge-token")
                        .withKey("token")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build()));
    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");

    assertThat(status.failedRevisions.get(0).reason).isEqualTo("ContainerConfigError");
    assertThat(status.failedRevisions.get(0).message).contains("bridge-token");
  }

  @Test
  void aRevisionThatNeverGetsReadyFailsAtTheProgressDeadline() {
    String good = "ghcr.io/netra/bridge:3.0.0";
    harness.publish(good, ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:3.0.1", ImageBehaviour.neverReady());
    String ns = readyBridge(good);
    harness.edit(ns, "chat", b -> b.getSpec().rollout.progressDeadlineSeconds = 2);
    harness.awaitPhase(ns, "chat", Phase.Ready);

    long start = System.nanoTime();
    WebSocketBridgeStatus status = rollOutAndAwaitRollback(ns, "ghcr.io/netra/bridge:3.0.1");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(status.failedRevisions.get(0).reason).isEqualTo("ProgressDeadlineExceeded");
    assertThat(status.failedRevisions.get(0).message).contains("pods Ready").contains("2s");
  }

  @Test
  void aRevisionServingAStaleConfigHashFailsAsNotConfigured() {
    String good = "ghcr.io/netra/bridge:4.0.0";
    harness.publish(good, ImageBehaviour.healthy());
    harness.publish("ghcr.io/netra/bridge:4.0.1", ImageBehaviour.staleConfig());
    String ns = readyBridge(good);
    harness.edit(ns, "chat", b -> b.getSpec().rollout.progressDeadlineSeconds = 2);
    harness.awaitPhase(ns, "chat", Phase.Ready);

    WebSocketBridgeStatus status = rollOutAndAwaitRollback(ns, "ghcr.io/netra/bridge:4.0.1");

    assertThat(status.failedRevisions.get(0).reason).isEqualTo("NotConfigured");
    assertThat(status.failedRevisions.get(0).message).contains("reports config hash");
  }

  @Test
  void aFailingFirstRolloutIsFailedWithoutLoopingOrDeletingAnything() {
    String ns = harness.newNamespace();
    harness.publish(
        "ghcr.io/netra/bridge:0.9.0",
        ImageBehaviour.crashesAtStartup(1, OperatorHarness.INCIDENT_MESSAGE));
    harness.create(
        harness.bridge(
            ns,
            "chat",
            "ghcr.io/netra/bridge:0.9.0",
            s -> s.rollout.progressDeadlineSeconds = OperatorHarness.SHORT_DEADLINE_SECONDS));

    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Failed);

    assertThat(status.stableRevision).isNull();
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(harness.conditionStatuses(status))
        .containsEntry("Stalled", "True")
        .containsEntry("Ready", "False");
    assertThat(harness.deployment(ns, "chat")).isNotNull();
    harness.noLoop.assertNoWrites(ns, "chat");
    assertThat(harness.get(ns, "chat").getStatus().failedRevisions).hasSize(1);
  }
}
