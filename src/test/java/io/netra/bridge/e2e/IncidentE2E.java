package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.testing.BridgeTestClient;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident and its neighbours on a real API server and controller manager: the Deployment and
 * ReplicaSet controllers are Kubernetes' own, pods are admitted, defaulted and garbage-collected by
 * the real server, and the operator runs with the chart's ServiceAccount.
 */
class IncidentE2E {
  @RegisterExtension static final E2EHarness harness = new E2EHarness();
  static final String REPOSITORY = "ghcr.io/netra/netra-backend";
  static final String GOOD = REPOSITORY + ":1.4.0";
  static final String INCIDENT = REPOSITORY + ":1.5.0";
  static final String FIXED = REPOSITORY + ":1.5.1";
  static final String STALE = REPOSITORY + ":1.5.0-stale";
  static final String MISSING = REPOSITORY + ":9.9.9-never-pushed";
  static String goodDigest;
  static String fixedDigest;

  @BeforeAll
  static void publishImages() {
    goodDigest = harness.publish(GOOD, ImageBehaviour.healthy());
    harness.publish(
        INCIDENT, ImageBehaviour.crashesAtStartup(1, BridgeTestClient.INCIDENT_MESSAGE));
    fixedDigest = harness.publish(FIXED, ImageBehaviour.healthy());
    harness.publish(STALE, ImageBehaviour.staleConfig());
  }

  private String readyBridge() {
    String ns = harness.newNamespace();
    harness.create(harness.bridge(ns, "chat", GOOD, s -> {}));
    WebSocketBridgeStatus ready = harness.awaitPhase(ns, "chat", Phase.Ready);
    assertThat(ready.stableRevision.image).isEqualTo(REPOSITORY + "@" + goodDigest);
    return ns;
  }

  @Test
  void theIncidentRollsBackToTheStableDigestWithItsConfigAndRecoversWithAGoodImage() {
    String ns = readyBridge();
    WebSocketBridgeStatus ready = harness.get(ns, "chat").getStatus();
    String stableConfig = configMapOf(harness.deployment(ns, "chat"));

    harness.edit(
        ns,
        "chat",
        b -> {
          b.getSpec().image = INCIDENT;
          b.getSpec().bridge.logging.level = "DEBUG";
        });
    WebSocketBridgeStatus rolledBack = harness.awaitRolledBack(ns, "chat");

    assertThat(rolledBack.stableRevision.name).isEqualTo(ready.stableRevision.name);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(REPOSITORY + "@" + goodDigest);
    assertThat(configMapOf(harness.deployment(ns, "chat")))
        .as("the stable revision's config comes back with its image")
        .isEqualTo(stableConfig);
    assertThat(rolledBack.failedRevisions).hasSize(1);
    assertThat(rolledBack.failedRevisions.get(0).reason).isEqualTo("CrashLoopBackOff");
    assertThat(rolledBack.failedRevisions.get(0).image).isEqualTo(INCIDENT);
    assertThat(rolledBack.failedRevisions.get(0).message)
        .as("the container's own words reach status on a real cluster")
        .contains("AttributeError")
        .contains("configure");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.eventReasons(ns).contains("RolledBack"));
    awaitServing(ns, REPOSITORY + "@" + goodDigest);

    harness.edit(ns, "chat", b -> b.getSpec().image = FIXED);
    WebSocketBridgeStatus recovered =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(60),
            s -> s.phase == Phase.Ready && s.stableRevision.image.contains(fixedDigest));
    assertThat(recovered.failedRevisions).hasSize(1);
    awaitServing(ns, FIXED);
  }

  @Test
  void anImageThatCannotBePulledIsRolledBack() {
    assertRolledBack(MISSING, "ImagePullFailure");
  }

  @Test
  void aRevisionThatNeverAppliesItsConfigFailsAtTheDeadline() {
    assertRolledBack(STALE, "NotConfigured");
  }

  /**
   * A Ready bridge moved to {@code image} is rolled back to the stable digest for {@code reason}.
   */
  private void assertRolledBack(String image, String reason) {
    String ns = readyBridge();
    harness.edit(ns, "chat", b -> b.getSpec().image = image);
    WebSocketBridgeStatus status = harness.awaitRolledBack(ns, "chat");
    assertThat(status.failedRevisions.get(0).reason).isEqualTo(reason);
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(REPOSITORY + "@" + goodDigest);
  }

  @Test
  void theRetryAnnotationRetriesAFailedRevisionOnce() {
    String ns = readyBridge();
    harness.edit(ns, "chat", b -> b.getSpec().image = INCIDENT);
    harness.awaitRolledBack(ns, "chat");

    harness.edit(
        ns,
        "chat",
        b -> {
          var annotations = new HashMap<>(b.getMetadata().getAnnotations());
          annotations.put(BridgeNames.ANNOTATION_RETRY, "1");
          b.getMetadata().setAnnotations(annotations);
        });

    WebSocketBridgeStatus status =
        harness.awaitStatus(
            ns,
            "chat",
            Duration.ofSeconds(60),
            s -> s.failedRevisions.size() == 2 && s.phase == Phase.RolledBack);
    assertThat(status.failedRevisions.get(1).retry).isEqualTo("1");
    assertThat(harness.deployedImage(ns, "chat")).isEqualTo(REPOSITORY + "@" + goodDigest);
  }

  @Test
  void aPausedBridgeIsLeftAloneAndSaysSo() {
    String ns = readyBridge();
    String written = harness.deploymentAsWritten(ns, "chat");
    harness.edit(
        ns,
        "chat",
        b -> {
          b.getSpec().paused = true;
          b.getSpec().image = FIXED;
        });
    harness.awaitPhase(ns, "chat", Phase.Paused);
    assertThat(harness.deploymentAsWritten(ns, "chat")).isEqualTo(written);

    harness.edit(ns, "chat", b -> b.getSpec().paused = false);
    harness.awaitStatus(
        ns,
        "chat",
        Duration.ofSeconds(60),
        s -> s.phase == Phase.Ready && s.stableRevision.image.contains(fixedDigest));
  }

  @Test
  void aHandEditOfTheDeploymentIsReverted() {
    String ns = readyBridge();
    String written = harness.deploymentAsWritten(ns, "chat");
    harness.editByHand(
        harness.client.apps().deployments().inNamespace(ns).withName("chat"),
        d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(FIXED);
          return d;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.deploymentAsWritten(ns, "chat").equals(written));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.eventReasons(ns).contains("ManualChangeReverted"));
  }

  /** The ConfigMap the Deployment's pods mount their config file from. */
  private static String configMapOf(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getConfigMap() != null)
        .map(v -> v.getConfigMap().getName())
        .findFirst()
        .orElseThrow();
  }

  /** Every pod of the bridge runs {@code image} and is Ready. */
  private static void awaitServing(String ns, String image) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var pods =
                  harness.pods(ns).stream()
                      .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                      .toList();
              return pods.size() == 2
                  && pods.stream().allMatch(p -> imageOf(p).equals(image) && ready(p));
            });
  }

  private static String imageOf(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
