package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.reliability.FaultInjector.Call;
import io.netra.bridge.simulation.ImageBehaviour;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 9: a corpus of bad resources applied as raw JSON (the mock server, like a cluster
 * without the CRD's schema, accepts anything). Pass: each gets Ready=False and Stalled=True with a
 * message that names the field, nothing but its status and an event is written for it, and a good
 * bridge created among them works.
 */
class HostileInputTest {
  static ReliabilityHarness harness;
  static final String GOOD = "ghcr.io/netra/bridge:90.0.0";
  static final ResourceDefinitionContext BRIDGES =
      new ResourceDefinitionContext.Builder()
          .withGroup("bridge.netra.io")
          .withVersion("v1alpha1")
          .withKind("WebSocketBridge")
          .withPlural("websocketbridges")
          .withNamespaced(true)
          .build();

  /** name -> (spec as JSON, the field the message must name). */
  static final Map<String, String[]> CORPUS = new LinkedHashMap<>();

  static {
    String image = "\"image\":\"" + GOOD + "\"";
    CORPUS.put("no-image", new String[] {"{}", "spec.image"});
    CORPUS.put(
        "bad-image", new String[] {"{\"image\":\"ghcr.io/Netra/Bridge::latest\"}", "spec.image"});
    CORPUS.put("empty-image", new String[] {"{\"image\":\"\"}", "spec.image"});
    CORPUS.put(
        "negative-replicas", new String[] {"{" + image + ",\"replicas\":-1}", "spec.replicas"});
    CORPUS.put(
        "huge-replicas", new String[] {"{" + image + ",\"replicas\":1000000}", "spec.replicas"});
    CORPUS.put(
        "port-zero", new String[] {"{" + image + ",\"containerPort\":0}", "spec.containerPort"});
    CORPUS.put(
        "port-70000",
        new String[] {"{" + image + ",\"containerPort\":70000}", "spec.containerPort"});
    CORPUS.put(
        "unknown-pull-policy",
        new String[] {"{" + image + ",\"imagePullPolicy\":\"Sometimes\"}", "spec.imagePullPolicy"});
    CORPUS.put(
        "unknown-log-level",
        new String[] {
          "{" + image + ",\"bridge\":{\"logging\":{\"level\":\"LOUD\"}}}",
          "spec.bridge.logging.level"
        });
    CORPUS.put(
        "unknown-log-format",
        new String[] {
          "{" + image + ",\"bridge\":{\"logging\":{\"format\":\"xml\"}}}",
          "spec.bridge.logging.format"
        });
    CORPUS.put(
        "megabyte-config",
        new String[] {
          "{" + image + ",\"bridge\":{\"settings\":{\"blob\":\"" + "x".repeat(1_200_000) + "\"}}}",
          "spec.bridge"
        });
    CORPUS.put(
        "bad-label-value",
        new String[] {
          "{" + image + ",\"pod\":{\"labels\":{\"team\":\"not ok!\"}}}", "spec.pod.labels"
        });
    CORPUS.put(
        "bad-path",
        new String[] {
          "{" + image + ",\"health\":{\"readinessPath\":\"no-slash\"}}", "spec.health.readinessPath"
        });
    CORPUS.put("x".repeat(53), new String[] {"{" + image + "}", "metadata.name"});
  }

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(GOOD, ImageBehaviour.healthy());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  static void applyRaw(String ns, String name, String specJson) {
    String json =
        "{\"apiVersion\":\"bridge.netra.io/v1alpha1\",\"kind\":\"WebSocketBridge\","
            + "\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\""
            + ns
            + "\"},\"spec\":"
            + specJson
            + "}";
    harness
        .client
        .genericKubernetesResources(BRIDGES)
        .inNamespace(ns)
        .resource(Serialization.unmarshal(json, GenericKubernetesResource.class))
        .create();
  }

  private static boolean ownsNothing(String ns, String name) {
    return harness.client.apps().deployments().inNamespace(ns).withName(name).get() == null
        && harness.client.services().inNamespace(ns).withName(name).get() == null
        && harness.client.configMaps().inNamespace(ns).list().getItems().stream()
            .noneMatch(c -> c.getMetadata().getName().startsWith(name + "-config"))
        && harness.client.apps().controllerRevisions().inNamespace(ns).list().getItems().stream()
            .noneMatch(r -> r.getMetadata().getName().startsWith(name));
  }

  @Test
  void everyBadResourceIsReportedByFieldAndGetsNothingWritten() {
    String ns = harness.newNamespace();
    CORPUS.forEach((name, entry) -> applyRaw(ns, name, entry[0]));
    // A valid bridge with a name at the length limit, among them.
    String atLimit = "a".repeat(52);
    harness.create(harness.bridge(ns, atLimit, GOOD, s -> {}));
    harness.create(harness.bridge(ns, "good", GOOD, s -> {}));

    harness.awaitPhase(ns, "good", Phase.Ready);
    harness.awaitPhase(ns, atLimit, Phase.Ready);
    CORPUS.forEach(
        (name, entry) -> {
          WebSocketBridgeStatus status = harness.awaitPhase(ns, name, Phase.Failed);
          Condition ready = ReliabilityHarness.condition(status, "Ready").orElseThrow();
          assertThat(ready.getStatus()).as(name).isEqualTo("False");
          assertThat(ready.getReason()).as(name).isEqualTo("InvalidSpec");
          assertThat(ready.getMessage()).as(name).contains(entry[1]);
          assertThat(ready.getMessage().length()).as(name).isLessThan(4096);
          assertThat(ReliabilityHarness.condition(status, "Stalled").orElseThrow().getStatus())
              .as(name)
              .isEqualTo("True");
          assertThat(ownsNothing(ns, name)).as(name).isTrue();
        });
    List<Call> writes = harness.faults().writes();
    for (String name : CORPUS.keySet()) {
      assertThat(writes)
          .as(name)
          .filteredOn(c -> c.path().endsWith("/" + name) || c.path().contains("/" + name + "/"))
          .allMatch(c -> c.resource().equals("websocketbridges/status"));
    }
  }

  /**
   * The operator cannot know that a Secret is missing (it has no right to read Secrets); the
   * kubelet reports it as CreateContainerConfigError because the pod spec references it.
   */
  @Test
  void anEnvEntryReferringToAMissingSecretFailsTheFirstRolloutWithoutALoop() {
    String ns = harness.newNamespace();
    String needsSecret = "ghcr.io/netra/bridge:90.1.0";
    harness.publish(needsSecret, ImageBehaviour.healthy());
    applyRaw(
        ns,
        "no-secret",
        "{\"image\":\""
            + needsSecret
            + "\",\"env\":[{\"name\":\"API_TOKEN\",\"valueFrom\":{\"secretKeyRef\":"
            + "{\"name\":\"bridge-token\",\"key\":\"token\"}}}],"
            + "\"rollout\":{\"progressDeadlineSeconds\":"
            + ReliabilityHarness.SHORT_DEADLINE_SECONDS
            + "}}");
    harness.create(
        harness.bridge(
            ns,
            "good",
            GOOD,
            s -> s.rollout.progressDeadlineSeconds = ReliabilityHarness.SHORT_DEADLINE_SECONDS));

    WebSocketBridgeStatus status = harness.awaitPhase(ns, "no-secret", Phase.Failed);
    harness.awaitStatus(
        ns,
        "good",
        Duration.ofSeconds(10),
        s -> s.phase == Phase.Ready && s.readyReplicas == 2 && s.configuredReplicas == 2);
    assertThat(status.failedRevisions).hasSize(1);
    assertThat(status.failedRevisions.get(0).reason).isEqualTo("ContainerConfigError");
    assertThat(status.failedRevisions.get(0).message).contains("bridge-token");
    assertThat(ReliabilityHarness.condition(status, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    harness.noLoop.assertNoWrites(ns, "no-secret");
    assertThat(harness.get(ns, "no-secret").getStatus().failedRevisions).hasSize(1);
  }

  @Test
  void aFieldOfTheWrongJsonTypeDoesNotStopTheOperator() {
    String ns = harness.newNamespace();
    applyRaw(ns, "typed-wrong", "{\"image\":\"" + GOOD + "\",\"replicas\":\"abc\"}");
    harness.cluster.awaitSteps(25);
    harness.create(harness.bridge(ns, "good", GOOD, s -> {}));

    harness.awaitPhase(ns, "good", Phase.Ready);
    WebSocketBridgeStatus status;
    try {
      status = harness.awaitPhase(ns, "typed-wrong", Phase.Failed);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          Serialization.asJson(
                  harness
                      .client
                      .genericKubernetesResources(BRIDGES)
                      .inNamespace(ns)
                      .withName("typed-wrong")
                      .get())
              + " calls: "
              + harness.faults().calls().stream()
                  .filter(c -> c.path().contains("typed-wrong"))
                  .toList(),
          e);
    }
    assertThat(ReliabilityHarness.condition(status, "Ready").orElseThrow().getMessage())
        .contains("spec.replicas")
        .contains("abc");
    assertThat(ReliabilityHarness.condition(status, "Stalled").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(ownsNothing(ns, "typed-wrong")).isTrue();
  }
}
