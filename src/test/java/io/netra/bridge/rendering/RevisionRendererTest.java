package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.testing.TestBridges;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionRendererTest {

  private static RevisionTemplate render(WebSocketBridge bridge) {
    bridge.getSpec().normalized();
    return RevisionRenderer.desired(bridge);
  }

  private static Container bridgeContainer(RevisionTemplate revision) {
    return revision.podTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("bridge"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void sameSpecGivesSameRevision() {
    RevisionTemplate first = render(TestBridges.full());
    RevisionTemplate second = render(TestBridges.copy(TestBridges.full()));

    assertThat(second.name()).isEqualTo(first.name()).hasSize(10).matches("[0-9a-f]{10}");
    assertThat(CanonicalJson.write(second.podTemplate()))
        .isEqualTo(CanonicalJson.write(first.podTemplate()));
    assertThat(second).isEqualTo(first);
  }

  static Stream<Arguments> podShapingChanges() {
    return Stream.of(
        change("image", b -> b.getSpec().image = "ghcr.io/netra/bridge:1.4.3"),
        change("image pull policy", b -> b.getSpec().imagePullPolicy = "IfNotPresent"),
        change("pull secrets", b -> b.getSpec().imagePullSecrets.add("other")),
        change("container port", b -> b.getSpec().containerPort = 9001),
        change("config setting", b -> b.getSpec().bridge.settings.put("feature_x", "off")),
        change("log level", b -> b.getSpec().bridge.logging.level = "INFO"),
        change("websocket path", b -> b.getSpec().bridge.websocket.path = "/v2"),
        change("env value", b -> b.getSpec().env.get(0).setValue("CET")),
        change("env added", b -> b.getSpec().env.add(new EnvVar("NEW", "1", null))),
        change(
            "resources",
            b -> b.getSpec().resources.getLimits().put("memory", new Quantity("512Mi"))),
        change("pod label", b -> b.getSpec().pod.labels.put("team", "other")),
        change("pod annotation", b -> b.getSpec().pod.annotations.put("x.io/y", "z")),
        change("node selector", b -> b.getSpec().pod.nodeSelector.put("zone", "a")),
        change(
            "toleration",
            b -> b.getSpec().pod.tolerations.add(new TolerationBuilder().withKey("k").build())),
        change("service account", b -> b.getSpec().pod.serviceAccountName = "other"),
        change("readiness probe", b -> b.getSpec().health.readinessPath = "/r"),
        change("liveness probe", b -> b.getSpec().health.livenessPath = "/l"),
        change("configured path", b -> b.getSpec().health.configuredPath = "/c"),
        change("drain seconds", b -> b.getSpec().rollout.drainSeconds = 5));
  }

  private static Arguments change(String name, Consumer<WebSocketBridge> change) {
    return Arguments.of(name, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podShapingChanges")
  void anyChangeToWhatShapesThePodsIsANewRevision(String name, Consumer<WebSocketBridge> change) {
    String before = render(TestBridges.full()).name();
    WebSocketBridge changed = TestBridges.full();
    change.accept(changed);

    assertThat(render(changed).name()).isNotEqualTo(before);
  }

  @Test
  void configChangeChangesHashAndConfigMapName() {
    RevisionTemplate before = render(TestBridges.full());
    WebSocketBridge changed = TestBridges.full();
    changed.getSpec().bridge.settings.put("feature_x", "off");

    RevisionTemplate after = render(changed);

    assertThat(after.configHash()).isNotEqualTo(before.configHash());
    assertThat(after.configMapName())
        .isNotEqualTo(before.configMapName())
        .isEqualTo("chat-config-" + after.configHash().substring(0, 10));
  }

  static Stream<Arguments> changesThatLeaveThePodsAlone() {
    return Stream.of(
        change("replicas", b -> b.getSpec().replicas = 7),
        change("max surge", b -> b.getSpec().rollout.maxSurge = 3),
        change("max unavailable", b -> b.getSpec().rollout.maxUnavailable = 1),
        change("progress deadline", b -> b.getSpec().rollout.progressDeadlineSeconds = 30),
        change("max startup restarts", b -> b.getSpec().rollout.maxStartupRestarts = 4),
        change("auto rollback", b -> b.getSpec().rollout.autoRollback = false),
        change("revision history limit", b -> b.getSpec().rollout.revisionHistoryLimit = 2),
        change("paused", b -> b.getSpec().paused = true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changesThatLeaveThePodsAlone")
  void replicasAndRolloutPacingAloneKeepTheRevision(String name, Consumer<WebSocketBridge> change) {
    RevisionTemplate before = render(TestBridges.full());
    WebSocketBridge changed = TestBridges.full();
    change.accept(changed);

    RevisionTemplate after = render(changed);
    assertThat(after.name()).isEqualTo(before.name());
    assertThat(CanonicalJson.write(after.podTemplate()))
        .isEqualTo(CanonicalJson.write(before.podTemplate()));
  }

  @Test
  void aCrashMessageFromTheLogsReachesTheTerminationMessage() {
    assertThat(bridgeContainer(render(TestBridges.full())).getTerminationMessagePolicy())
        .isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void templateCarriesTheContract() {
    RevisionTemplate revision = render(TestBridges.full());
    var template = revision.podTemplate();
    Container container = bridgeContainer(revision);

    assertThat(template.getMetadata().getLabels())
        .containsEntry("bridge.netra.io/revision", revision.name())
        .containsEntry("app.kubernetes.io/name", "websocket-bridge")
        .containsEntry("app.kubernetes.io/instance", "chat")
        .containsEntry("app.kubernetes.io/managed-by", "websocket-bridge-operator")
        .containsEntry("team", "realtime");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("bridge.netra.io/config-hash", revision.configHash())
        .containsEntry("prometheus.io/scrape", "true");
    assertThat(template.getSpec().getContainers()).hasSize(1);
    assertThat(container.getImage()).isEqualTo(TestBridges.full().getSpec().image);
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("ws");
              assertThat(p.getContainerPort()).isEqualTo(9000);
            });
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("TZ", "API_TOKEN", "BRIDGE_CONFIG_FILE", "BRIDGE_CONFIGURED_PATH");
    assertThat(container.getEnv().get(3).getValue()).isEqualTo("/configured");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("ws");
    assertThat(template.getSpec().getVolumes())
        .anySatisfy(
            v -> assertThat(v.getConfigMap().getName()).isEqualTo(revision.configMapName()));
    assertThat(revision.configMapName()).startsWith("chat-config-");
    assertThat(template.getSpec().getServiceAccountName()).isEqualTo("chat-bridge");
    assertThat(template.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
  }

  @Test
  void operatorLabelsWinOverPodLabels() {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getSpec().pod.labels.put("app.kubernetes.io/instance", "hijack");

    assertThat(render(bridge).podTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "chat");
  }

  @Test
  void securityContextIsRestricted() {
    RevisionTemplate revision = render(TestBridges.minimal());
    PodSpec pod = revision.podTemplate().getSpec();
    var container = bridgeContainer(revision).getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  /** The drain rule: a preStop sleep of exactly the drain time, and 10 s of grace beyond it. */
  @ParameterizedTest(name = "drainSeconds {0}")
  @ValueSource(ints = {1, 45, 600})
  void drainGivesOpenConnectionsTimeToClose(int drainSeconds) {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getSpec().rollout.drainSeconds = drainSeconds;
    RevisionTemplate revision = render(bridge);

    assertThat(CanonicalJson.write(bridgeContainer(revision).getLifecycle()))
        .isEqualTo("{\"preStop\":{\"sleep\":{\"seconds\":" + drainSeconds + "}}}");
    assertThat(revision.podTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(drainSeconds + 10L);
  }

  @Test
  void noPreStopWithoutDrain() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().rollout.drainSeconds = 0;
    RevisionTemplate revision = render(bridge);

    assertThat(bridgeContainer(revision).getLifecycle()).isNull();
    assertThat(revision.podTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(10L);
  }

  @Test
  void aDrainChangeIsANewRevisionThatDiffersOnlyInPreStopAndGrace() {
    WebSocketBridge bridge = TestBridges.full();
    RevisionTemplate before = render(bridge);
    WebSocketBridge changed = TestBridges.full();
    changed.getSpec().rollout.drainSeconds =
        before.podTemplate().getSpec().getTerminationGracePeriodSeconds().intValue();

    RevisionTemplate after = render(changed);

    assertThat(after.name()).isNotEqualTo(before.name());
    assertThat(after.configHash()).isEqualTo(before.configHash());
    var withBeforesDrain = CanonicalJson.tree(after.podTemplate());
    var original = CanonicalJson.tree(before.podTemplate());
    ((com.fasterxml.jackson.databind.node.ObjectNode) withBeforesDrain.get("spec"))
        .set(
            "terminationGracePeriodSeconds",
            original.get("spec").get("terminationGracePeriodSeconds"));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            withBeforesDrain.get("spec").get("containers").get(0))
        .set("lifecycle", original.get("spec").get("containers").get(0).get("lifecycle"));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            withBeforesDrain.get("metadata").get("labels"))
        .set(
            "bridge.netra.io/revision",
            original.get("metadata").get("labels").get("bridge.netra.io/revision"));
    assertThat(withBeforesDrain).isEqualTo(original);
  }

  @Test
  void pinnedToUsesTheDigestDropsTheTagAndKeepsTheRest() {
    RevisionTemplate revision = render(TestBridges.minimal());

    RevisionTemplate pinned = revision.pinnedTo(TestBridges.DIGEST);

    assertThat(pinned.image()).isEqualTo("ghcr.io/netra/bridge@" + TestBridges.DIGEST);
    assertThat(bridgeContainer(pinned).getImage()).isEqualTo(pinned.image());
    assertThat(pinned.name()).isEqualTo(revision.name());
    assertThat(pinned.configHash()).isEqualTo(revision.configHash());
    assertThat(pinned.configMapName()).isEqualTo(revision.configMapName());
    assertThat(pinned.configFile()).isEqualTo(revision.configFile());
    assertThat(bridgeContainer(revision).getImage())
        .as("the original is not changed")
        .isEqualTo(TestBridges.IMAGE);
    var pinnedTemplate = CanonicalJson.tree(pinned.podTemplate());
    var original = CanonicalJson.tree(revision.podTemplate());
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            pinnedTemplate.get("spec").get("containers").get(0))
        .put("image", TestBridges.IMAGE);
    assertThat(pinnedTemplate).isEqualTo(original);
  }

  @Test
  void pinningAnImageWithTagAndDigestReplacesBoth() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().image = "registry.local:5000/bridge:v1@" + TestBridges.OTHER_DIGEST;

    assertThat(render(bridge).pinnedTo(TestBridges.DIGEST).image())
        .isEqualTo("registry.local:5000/bridge@" + TestBridges.DIGEST);
  }

  @Test
  void refCarriesNameImageDigestAndConfigHash() {
    RevisionTemplate revision = render(TestBridges.minimal());

    var ref = revision.ref(TestBridges.DIGEST);

    assertThat(ref.name).isEqualTo(revision.name());
    assertThat(ref.image).isEqualTo(TestBridges.IMAGE);
    assertThat(ref.digest).isEqualTo(TestBridges.DIGEST);
    assertThat(ref.configHash).isEqualTo(revision.configHash());
  }
}
