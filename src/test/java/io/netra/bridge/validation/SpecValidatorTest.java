package io.netra.bridge.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Toleration;
import io.netra.bridge.model.BridgeConfig;
import io.netra.bridge.model.HealthSettings;
import io.netra.bridge.model.LoggingSettings;
import io.netra.bridge.model.PodSettings;
import io.netra.bridge.model.RolloutSettings;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketSettings;
import io.netra.bridge.rendering.CanonicalJson;
import io.netra.bridge.testing.TestBridges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {
  private static final String MEGABYTE = "x".repeat(1 << 20);

  @Test
  void minimalBridgeFromJsonIsValid() throws Exception {
    WebSocketBridge bridge =
        CanonicalJson.mapper()
            .readValue(
                "{\"apiVersion\":\"bridge.netra.io/v1alpha1\",\"kind\":\"WebSocketBridge\","
                    + "\"metadata\":{\"name\":\"chat\"},\"spec\":{\"image\":\"bridge:1\"}}",
                WebSocketBridge.class);

    assertThat(SpecValidator.validate(bridge)).isEmpty();
  }

  @Test
  void minimalBridgeIsValid() {
    assertThat(SpecValidator.validate(TestBridges.minimal())).isEmpty();
  }

  @Test
  void bridgeWithEveryOptionalFieldNullIsValid() {
    WebSocketBridge bridge = TestBridges.minimal();
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = "bridge";
    spec.imagePullPolicy = null;
    spec.imagePullSecrets = null;
    spec.replicas = null;
    spec.containerPort = null;
    spec.bridge = null;
    spec.env = null;
    spec.pod = null;
    spec.health = null;
    spec.rollout = null;
    spec.paused = null;
    bridge.setSpec(spec);

    assertThat(SpecValidator.validate(bridge)).isEmpty();
  }

  @Test
  void nestedNullsMeanDefaults() {
    WebSocketBridge bridge = TestBridges.minimal();
    WebSocketBridgeSpec spec = bridge.getSpec();
    spec.bridge = new BridgeConfig();
    spec.bridge.websocket = null;
    spec.bridge.logging = null;
    spec.bridge.settings = null;
    spec.pod = new PodSettings();
    spec.pod.labels = null;
    spec.pod.annotations = null;
    spec.pod.nodeSelector = null;
    spec.pod.tolerations = null;
    spec.health = new HealthSettings();
    spec.health.readinessPath = null;
    spec.health.livenessPath = null;
    spec.health.configuredPath = null;
    spec.rollout = new RolloutSettings();
    spec.rollout.progressDeadlineSeconds = null;
    spec.rollout.maxStartupRestarts = null;
    spec.rollout.maxSurge = null;
    spec.rollout.maxUnavailable = null;
    spec.rollout.autoRollback = null;
    spec.rollout.drainSeconds = null;
    spec.rollout.revisionHistoryLimit = null;

    assertThat(SpecValidator.validate(bridge)).isEmpty();
  }

  @Test
  void fullBridgeIsValid() {
    assertThat(SpecValidator.validate(TestBridges.full())).isEmpty();
  }

  @Test
  void boundaryValuesAreValid() {
    WebSocketBridge bridge = TestBridges.full();
    WebSocketBridgeSpec spec = bridge.getSpec();
    bridge.getMetadata().setName("a" + "-b".repeat(25) + "c"); // 52 characters
    spec.replicas = 0;
    spec.containerPort = 65535;
    spec.rollout.maxSurge = 0;
    spec.rollout.maxUnavailable = 1;
    spec.rollout.drainSeconds = 0;
    spec.bridge.websocket.maxMessageBytes = 67_108_864;
    spec.pod.labels.put("empty", "");
    spec.pod.labels.put("v", "a".repeat(63));
    spec.env.add(new EnvVar("_x.y-z", "", null));
    spec.imagePullSecrets = new ArrayList<>(Collections.nCopies(16, "regcred"));
    spec.env = new ArrayList<>();
    IntStream.range(0, 128).forEach(i -> spec.env.add(new EnvVar("V" + i, "x", null)));

    assertThat(bridge.getMetadata().getName()).hasSize(52);
    assertThat(SpecValidator.validate(bridge)).isEmpty();
  }

  @Test
  void violationReadsAsFieldColonMessage() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().replicas = -1;

    assertThat(SpecValidator.validate(bridge))
        .singleElement()
        .hasToString("spec.replicas: must be between 0 and 1000 (got -1)");
  }

  @Test
  void missingSpecIsAViolation() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.setSpec(null);

    assertThat(SpecValidator.validate(bridge))
        .containsExactly(new Violation("spec", "is required"));
  }

  @Test
  void missingMetadataAndNullBridgeAreViolations() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.setMetadata(null);

    assertThat(SpecValidator.validate(bridge))
        .containsExactly(new Violation("metadata.name", "is required"));
    assertThat(SpecValidator.validate(null))
        .extracting(Violation::field)
        .containsExactly("resource");
  }

  /** Each case breaks one rule of an otherwise full, valid bridge. */
  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "name upper case", b -> b.getMetadata().setName("Chat"), "metadata.name", "lower case"),
        rule(
            "name starts with digit",
            b -> b.getMetadata().setName("1chat"),
            "metadata.name",
            "start with a letter"),
        rule(
            "name ends with dash",
            b -> b.getMetadata().setName("chat-"),
            "metadata.name",
            "\"chat-\""),
        rule(
            "name with dot",
            b -> b.getMetadata().setName("chat.v1"),
            "metadata.name",
            "lower case"),
        rule(
            "name 53 characters",
            b -> b.getMetadata().setName("a".repeat(53)),
            "metadata.name",
            "at most 52 characters (got 53)"),
        rule("name empty", b -> b.getMetadata().setName(""), "metadata.name", "is required"),
        rule("image missing", b -> b.getSpec().image = null, "spec.image", "is required"),
        rule("image empty", b -> b.getSpec().image = "", "spec.image", "is required"),
        rule(
            "image upper case",
            b -> b.getSpec().image = "Netra/Bridge:1",
            "spec.image",
            "\"Netra/Bridge:1\""),
        rule(
            "image short digest",
            b -> b.getSpec().image = "bridge@sha256:abc",
            "spec.image",
            "repo@sha256:<64 hex>"),
        rule("image with space", b -> b.getSpec().image = "bridge :1", "spec.image", "repo[:tag]"),
        rule(
            "image 513 characters",
            b -> b.getSpec().image = "a".repeat(513),
            "spec.image",
            "at most 512 characters (got 513)"),
        rule(
            "pull policy",
            b -> b.getSpec().imagePullPolicy = "Sometimes",
            "spec.imagePullPolicy",
            "must be one of Always, IfNotPresent, Never (got \"Sometimes\")"),
        rule(
            "pull policy case",
            b -> b.getSpec().imagePullPolicy = "always",
            "spec.imagePullPolicy",
            "Always"),
        rule(
            "17 pull secrets",
            b -> b.getSpec().imagePullSecrets = new ArrayList<>(Collections.nCopies(17, "s")),
            "spec.imagePullSecrets",
            "at most 16 entries (got 17)"),
        rule(
            "pull secret name",
            b -> b.getSpec().imagePullSecrets.set(1, "Reg_Cred"),
            "spec.imagePullSecrets[1]",
            "DNS-1123 subdomain"),
        rule(
            "pull secret null",
            b -> b.getSpec().imagePullSecrets.set(0, null),
            "spec.imagePullSecrets[0]",
            "is required"),
        rule(
            "replicas -1",
            b -> b.getSpec().replicas = -1,
            "spec.replicas",
            "must be between 0 and 1000 (got -1)"),
        rule("replicas 1001", b -> b.getSpec().replicas = 1001, "spec.replicas", "(got 1001)"),
        rule(
            "port 0",
            b -> b.getSpec().containerPort = 0,
            "spec.containerPort",
            "must be between 1 and 65535 (got 0)"),
        rule(
            "port 70000",
            b -> b.getSpec().containerPort = 70000,
            "spec.containerPort",
            "(got 70000)"),
        rule(
            "websocket path relative",
            b -> b.getSpec().bridge.websocket.path = "ws",
            "spec.bridge.websocket.path",
            "starting with '/'"),
        rule(
            "websocket path query",
            b -> b.getSpec().bridge.websocket.path = "/ws?x=1",
            "spec.bridge.websocket.path",
            "\"/ws?x=1\""),
        rule(
            "websocket path long",
            b -> b.getSpec().bridge.websocket.path = "/" + "a".repeat(256),
            "spec.bridge.websocket.path",
            "at most 256 characters (got 257)"),
        rule(
            "maxConnections 0",
            b -> b.getSpec().bridge.websocket.maxConnections = 0,
            "spec.bridge.websocket.maxConnections",
            "between 1 and 10000000 (got 0)"),
        rule(
            "maxConnections high",
            b -> b.getSpec().bridge.websocket.maxConnections = 10_000_001,
            "spec.bridge.websocket.maxConnections",
            "(got 10000001)"),
        rule(
            "pingInterval 0",
            b -> b.getSpec().bridge.websocket.pingIntervalSeconds = 0,
            "spec.bridge.websocket.pingIntervalSeconds",
            "between 1 and 3600 (got 0)"),
        rule(
            "pingInterval high",
            b -> b.getSpec().bridge.websocket.pingIntervalSeconds = 3601,
            "spec.bridge.websocket.pingIntervalSeconds",
            "(got 3601)"),
        rule(
            "idleTimeout high",
            b -> b.getSpec().bridge.websocket.idleTimeoutSeconds = 86401,
            "spec.bridge.websocket.idleTimeoutSeconds",
            "between 1 and 86400 (got 86401)"),
        rule(
            "maxMessageBytes high",
            b -> b.getSpec().bridge.websocket.maxMessageBytes = 67_108_865,
            "spec.bridge.websocket.maxMessageBytes",
            "between 1 and 67108864"),
        rule(
            "log level",
            b -> b.getSpec().bridge.logging.level = "VERBOSE",
            "spec.bridge.logging.level",
            "must be one of TRACE, DEBUG, INFO, WARN, ERROR (got \"VERBOSE\")"),
        rule(
            "log level lower case",
            b -> b.getSpec().bridge.logging.level = "info",
            "spec.bridge.logging.level",
            "\"info\""),
        rule(
            "log level newline",
            b -> b.getSpec().bridge.logging.level = "INFO\n",
            "spec.bridge.logging.level",
            "\"INFO\\u000a\""),
        rule(
            "log format",
            b -> b.getSpec().bridge.logging.format = "xml",
            "spec.bridge.logging.format",
            "must be one of json, text (got \"xml\")"),
        rule(
            "257 settings",
            b ->
                IntStream.range(0, 257).forEach(i -> b.getSpec().bridge.settings.put("k" + i, "v")),
            "spec.bridge.settings",
            "at most 256 entries (got 259)"),
        rule(
            "setting key space",
            b -> b.getSpec().bridge.settings.put("bad key", "v"),
            "spec.bridge.settings[bad key]",
            "key must be 1 to 253 characters"),
        rule(
            "setting key empty",
            b -> b.getSpec().bridge.settings.put("", "v"),
            "spec.bridge.settings[]",
            "(got \"\")"),
        rule(
            "setting key 254",
            b -> b.getSpec().bridge.settings.put("k".repeat(254), "v"),
            "spec.bridge.settings[" + "k".repeat(64) + "…]",
            "(254 characters)"),
        rule(
            "setting key null",
            b -> b.getSpec().bridge.settings.put(null, "v"),
            "spec.bridge.settings[null]",
            "(got null)"),
        rule(
            "setting value null",
            b -> b.getSpec().bridge.settings.put("a", null),
            "spec.bridge.settings[a]",
            "value must be a string, not null"),
        rule(
            "config file of megabytes",
            b ->
                IntStream.range(0, 3)
                    .forEach(i -> b.getSpec().bridge.settings.put("big" + i, MEGABYTE)),
            "spec.bridge",
            "the rendered config file is 3145"),
        rule(
            "129 env",
            b ->
                IntStream.range(0, 127)
                    .forEach(i -> b.getSpec().env.add(new EnvVar("V" + i, "x", null))),
            "spec.env",
            "at most 128 entries (got 129)"),
        rule("env null entry", b -> b.getSpec().env.add(null), "spec.env[2]", "must not be null"),
        rule(
            "env name missing",
            b -> b.getSpec().env.add(new EnvVar(null, "x", null)),
            "spec.env[2].name",
            "is required"),
        rule(
            "env name empty",
            b -> b.getSpec().env.add(new EnvVar("", "x", null)),
            "spec.env[2].name",
            "is required"),
        rule(
            "env name digit first",
            b -> b.getSpec().env.add(new EnvVar("1X", "x", null)),
            "spec.env[2].name",
            "must not start with a digit (got \"1X\")"),
        rule(
            "env name with =",
            b -> b.getSpec().env.add(new EnvVar("A=B", "x", null)),
            "spec.env[2].name",
            "\"A=B\""),
        rule(
            "env config file",
            b -> b.getSpec().env.add(new EnvVar("BRIDGE_CONFIG_FILE", "/x", null)),
            "spec.env[2].name",
            "BRIDGE_CONFIG_FILE is set by the operator itself"),
        rule(
            "env configured path",
            b -> b.getSpec().env.add(new EnvVar("BRIDGE_CONFIGURED_PATH", "/x", null)),
            "spec.env[2].name",
            "BRIDGE_CONFIGURED_PATH is set by the operator"),
        rule(
            "env duplicate",
            b -> b.getSpec().env.add(new EnvVar("TZ", "CET", null)),
            "spec.env[2].name",
            "duplicates spec.env[0].name \"TZ\""),
        rule(
            "env value and valueFrom",
            b -> b.getSpec().env.get(1).setValue("plain"),
            "spec.env[1].valueFrom",
            "must not be set together with value"),
        rule(
            "env valueFrom empty",
            b ->
                b.getSpec()
                    .env
                    .add(
                        new EnvVarBuilder()
                            .withName("E")
                            .withValueFrom(new EnvVarSource())
                            .build()),
            "spec.env[2].valueFrom",
            "exactly one of"),
        rule(
            "65 labels",
            b -> IntStream.range(0, 63).forEach(i -> b.getSpec().pod.labels.put("l" + i, "v")),
            "spec.pod.labels",
            "at most 64 entries (got 65)"),
        rule(
            "label value illegal",
            b -> b.getSpec().pod.labels.put("team", "real time!"),
            "spec.pod.labels[team]",
            "value \"real time!\" must be empty or consist of"),
        rule(
            "label value 64",
            b -> b.getSpec().pod.labels.put("team", "a".repeat(64)),
            "spec.pod.labels[team]",
            "at most 63 characters (got 64)"),
        rule(
            "label value ends with dash",
            b -> b.getSpec().pod.labels.put("team", "rt-"),
            "spec.pod.labels[team]",
            "start and end with an alphanumeric"),
        rule(
            "label value null",
            b -> b.getSpec().pod.labels.put("team", null),
            "spec.pod.labels[team]",
            "not null"),
        rule(
            "label key bad name",
            b -> b.getSpec().pod.labels.put("my key", "v"),
            "spec.pod.labels[my key]",
            "not a qualified name"),
        rule(
            "label key bad prefix",
            b -> b.getSpec().pod.labels.put("Netra.IO/tier", "v"),
            "spec.pod.labels[Netra.IO/tier]",
            "prefix of key"),
        rule(
            "label key empty prefix",
            b -> b.getSpec().pod.labels.put("/tier", "v"),
            "spec.pod.labels[/tier]",
            "empty prefix"),
        rule(
            "label key empty name",
            b -> b.getSpec().pod.labels.put("netra.io/", "v"),
            "spec.pod.labels[netra.io/]",
            "empty name"),
        rule(
            "label key two slashes",
            b -> b.getSpec().pod.labels.put("a/b/c", "v"),
            "spec.pod.labels[a/b/c]",
            "not a qualified name"),
        rule(
            "label key name 64",
            b -> b.getSpec().pod.labels.put("netra.io/" + "n".repeat(64), "v"),
            "spec.pod.labels[netra.io/" + "n".repeat(55) + "…]",
            "name part of key"),
        rule(
            "label key prefix 254",
            b -> b.getSpec().pod.labels.put("p".repeat(254) + "/n", "v"),
            "spec.pod.labels[" + "p".repeat(64) + "…]",
            "at most 253 characters (got 254)"),
        rule(
            "label key null",
            b -> b.getSpec().pod.labels.put(null, "v"),
            "spec.pod.labels[null]",
            "key must not be empty"),
        rule(
            "label name",
            b -> b.getSpec().pod.labels.put("app.kubernetes.io/name", "x"),
            "spec.pod.labels[app.kubernetes.io/name]",
            "label the operator sets itself"),
        rule(
            "label instance",
            b -> b.getSpec().pod.labels.put("app.kubernetes.io/instance", "x"),
            "spec.pod.labels[app.kubernetes.io/instance]",
            "operator sets itself"),
        rule(
            "label managed-by",
            b -> b.getSpec().pod.labels.put("app.kubernetes.io/managed-by", "x"),
            "spec.pod.labels[app.kubernetes.io/managed-by]",
            "operator sets itself"),
        rule(
            "label revision",
            b -> b.getSpec().pod.labels.put("bridge.netra.io/revision", "x"),
            "spec.pod.labels[bridge.netra.io/revision]",
            "operator sets itself"),
        rule(
            "node selector value",
            b -> b.getSpec().pod.nodeSelector.put("zone", "eu west"),
            "spec.pod.nodeSelector[zone]",
            "\"eu west\""),
        rule(
            "node selector key",
            b -> b.getSpec().pod.nodeSelector.put("-zone", "eu"),
            "spec.pod.nodeSelector[-zone]",
            "not a qualified name"),
        rule(
            "65 node selectors",
            b ->
                IntStream.range(0, 64).forEach(i -> b.getSpec().pod.nodeSelector.put("n" + i, "v")),
            "spec.pod.nodeSelector",
            "at most 64 entries (got 65)"),
        rule(
            "annotation key",
            b -> b.getSpec().pod.annotations.put("bad key", "v"),
            "spec.pod.annotations[bad key]",
            "not a qualified name"),
        rule(
            "annotation config hash",
            b -> b.getSpec().pod.annotations.put("bridge.netra.io/config-hash", "0"),
            "spec.pod.annotations[bridge.netra.io/config-hash]",
            "operator sets itself"),
        rule(
            "annotation value null",
            b -> b.getSpec().pod.annotations.put("a", null),
            "spec.pod.annotations[a]",
            "not null"),
        rule(
            "annotations too big",
            b -> b.getSpec().pod.annotations.put("big", "x".repeat(256 * 1024)),
            "spec.pod.annotations",
            "total size of keys and values is 262171 bytes (256.0 KiB); it must be at most 262144"),
        rule(
            "65 annotations",
            b -> IntStream.range(0, 64).forEach(i -> b.getSpec().pod.annotations.put("a" + i, "v")),
            "spec.pod.annotations",
            "at most 64 entries (got 65)"),
        rule(
            "65 tolerations",
            b ->
                IntStream.range(0, 64)
                    .forEach(i -> b.getSpec().pod.tolerations.add(new Toleration())),
            "spec.pod.tolerations",
            "at most 64 entries (got 65)"),
        rule(
            "service account",
            b -> b.getSpec().pod.serviceAccountName = "Bridge_SA",
            "spec.pod.serviceAccountName",
            "DNS-1123 subdomain"),
        rule(
            "service account empty",
            b -> b.getSpec().pod.serviceAccountName = "",
            "spec.pod.serviceAccountName",
            "is required"),
        rule(
            "service account 254",
            b -> b.getSpec().pod.serviceAccountName = "a".repeat(254),
            "spec.pod.serviceAccountName",
            "at most 253 characters (got 254)"),
        rule(
            "readiness path",
            b -> b.getSpec().health.readinessPath = "health",
            "spec.health.readinessPath",
            "starting with '/'"),
        rule(
            "liveness path",
            b -> b.getSpec().health.livenessPath = "/live ness",
            "spec.health.livenessPath",
            "\"/live ness\""),
        rule(
            "configured path",
            b -> b.getSpec().health.configuredPath = "/c#x",
            "spec.health.configuredPath",
            "\"/c#x\""),
        rule(
            "configured path long",
            b -> b.getSpec().health.configuredPath = "/".repeat(257),
            "spec.health.configuredPath",
            "at most 256 characters (got 257)"),
        rule(
            "deadline 0",
            b -> b.getSpec().rollout.progressDeadlineSeconds = 0,
            "spec.rollout.progressDeadlineSeconds",
            "between 1 and 86400 (got 0)"),
        rule(
            "startup restarts",
            b -> b.getSpec().rollout.maxStartupRestarts = 101,
            "spec.rollout.maxStartupRestarts",
            "between 0 and 100 (got 101)"),
        rule(
            "maxSurge negative",
            b -> b.getSpec().rollout.maxSurge = -1,
            "spec.rollout.maxSurge",
            "between 0 and 1000 (got -1)"),
        rule(
            "maxUnavailable high",
            b -> b.getSpec().rollout.maxUnavailable = 1001,
            "spec.rollout.maxUnavailable",
            "between 0 and 1000 (got 1001)"),
        rule(
            "drain high",
            b -> b.getSpec().rollout.drainSeconds = 3601,
            "spec.rollout.drainSeconds",
            "between 0 and 3600 (got 3601)"),
        rule(
            "history 0",
            b -> b.getSpec().rollout.revisionHistoryLimit = 0,
            "spec.rollout.revisionHistoryLimit",
            "between 1 and 50 (got 0)"),
        rule(
            "history 51",
            b -> b.getSpec().rollout.revisionHistoryLimit = 51,
            "spec.rollout.revisionHistoryLimit",
            "(got 51)"),
        rule(
            "surge and unavailable 0",
            b -> {
              b.getSpec().rollout.maxSurge = 0;
              b.getSpec().rollout.maxUnavailable = 0;
            },
            "spec.rollout",
            "maxSurge and maxUnavailable must not both be 0"),
        rule(
            "surge 0, unavailable default 0",
            b -> {
              b.getSpec().rollout.maxSurge = 0;
              b.getSpec().rollout.maxUnavailable = null;
            },
            "spec.rollout",
            "must not both be 0"));
  }

  private static Arguments rule(
      String name, Consumer<WebSocketBridge> breakIt, String field, String message) {
    return Arguments.of(name, breakIt, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsItsFieldAndAUsefulMessage(
      String name, Consumer<WebSocketBridge> breakIt, String field, String message) {
    WebSocketBridge bridge = TestBridges.full();
    breakIt.accept(bridge);

    List<Violation> violations = SpecValidator.validate(bridge);

    assertThat(violations).extracting(Violation::field).containsOnly(field);
    assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains(message));
  }

  @Test
  void reportsEveryViolationInFieldOrder() {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getMetadata().setName("Chat");
    bridge.getSpec().rollout.revisionHistoryLimit = 0;
    bridge.getSpec().containerPort = 0;
    bridge.getSpec().pod.labels.put("z", "bad value");
    bridge.getSpec().pod.labels.put("a", "bad value");
    bridge.getSpec().image = null;

    assertThat(SpecValidator.validate(bridge))
        .extracting(Violation::field)
        .containsExactly(
            "metadata.name",
            "spec.image",
            "spec.containerPort",
            "spec.pod.labels[a]",
            "spec.pod.labels[z]",
            "spec.rollout.revisionHistoryLimit");
  }

  @Test
  void orderDoesNotDependOnTheMapImplementation() {
    Map<String, String> labels = new LinkedHashMap<>();
    IntStream.range(0, 40).forEach(i -> labels.put("k" + (39 - i), "bad value " + i));
    WebSocketBridge linked = TestBridges.minimal();
    linked.getSpec().pod.labels = labels;
    WebSocketBridge hashed = TestBridges.minimal();
    hashed.getSpec().pod.labels = new HashMap<>(labels);

    List<Violation> first = SpecValidator.validate(linked);
    assertThat(first).hasSize(40).isEqualTo(SpecValidator.validate(hashed));
    assertThat(first.get(0).field()).isEqualTo("spec.pod.labels[k0]");
  }

  @Test
  void doesNotChangeItsInput() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().bridge = null;
    bridge.getSpec().rollout.maxSurge = null;
    var before = CanonicalJson.tree(bridge);

    SpecValidator.validate(bridge);

    assertThat(CanonicalJson.tree(bridge)).isEqualTo(before);
  }

  @Test
  void configFileAtTheLimitIsValidAndOneByteMoreIsNot() {
    WebSocketBridge bridge = TestBridges.minimal();
    bridge.getSpec().bridge.settings.put("blob", "x");
    int base = renderedSize(bridge);
    bridge
        .getSpec()
        .bridge
        .settings
        .put("blob", "x".repeat(SpecValidator.MAX_CONFIG_FILE_BYTES - base + 1));
    assertThat(renderedSize(bridge)).isEqualTo(SpecValidator.MAX_CONFIG_FILE_BYTES);
    assertThat(SpecValidator.validate(bridge)).isEmpty();

    bridge
        .getSpec()
        .bridge
        .settings
        .put("blob", "x".repeat(SpecValidator.MAX_CONFIG_FILE_BYTES - base + 2));
    assertThat(SpecValidator.validate(bridge))
        .singleElement()
        .hasToString(
            "spec.bridge: the rendered config file is 262145 bytes (256.0 KiB); it must be at most"
                + " 262144 bytes (256 KiB)");
  }

  private static int renderedSize(WebSocketBridge bridge) {
    return io.netra.bridge.rendering.ConfigFileRenderer.render(
            TestBridges.copy(bridge).getSpec().normalized().bridge)
        .fileContent()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)
        .length;
  }

  /** Input no schema stopped: none of it may make the validator throw, and each is reported. */
  static Stream<Arguments> hostile() {
    return Stream.of(
        hostile("null metadata name", b -> b.getMetadata().setName(null)),
        hostile("megabyte name", b -> b.getMetadata().setName(MEGABYTE)),
        hostile("name at limit plus one", b -> b.getMetadata().setName("a".repeat(53))),
        hostile("megabyte image", b -> b.getSpec().image = MEGABYTE),
        hostile("image of dots", b -> b.getSpec().image = "a.".repeat(256)),
        hostile("image of separators", b -> b.getSpec().image = "a" + "-a_a.".repeat(100) + "!"),
        hostile("unknown pull policy", b -> b.getSpec().imagePullPolicy = "Maybe"),
        hostile("megabyte pull policy", b -> b.getSpec().imagePullPolicy = MEGABYTE),
        hostile("megabyte pull secret", b -> b.getSpec().imagePullSecrets.add(MEGABYTE)),
        hostile("subdomain of dots", b -> b.getSpec().imagePullSecrets.add("a.".repeat(126) + "-")),
        hostile("port 0", b -> b.getSpec().containerPort = 0),
        hostile("port 70000", b -> b.getSpec().containerPort = 70000),
        hostile("replicas min int", b -> b.getSpec().replicas = Integer.MIN_VALUE),
        hostile("megabyte websocket path", b -> b.getSpec().bridge.websocket.path = "/" + MEGABYTE),
        hostile("unknown log level", b -> b.getSpec().bridge.logging.level = "LOUD"),
        hostile("megabyte log format", b -> b.getSpec().bridge.logging.format = MEGABYTE),
        hostile("megabyte setting key", b -> b.getSpec().bridge.settings.put(MEGABYTE, "v")),
        hostile("null setting key", b -> b.getSpec().bridge.settings.put(null, null)),
        hostile("megabyte setting value", b -> b.getSpec().bridge.settings.put("k", MEGABYTE)),
        hostile(
            "control characters in settings",
            b -> b.getSpec().bridge.settings.put("k", "\u0000\u0007\uFFFF".repeat(100_000))),
        hostile(
            "megabyte env name", b -> b.getSpec().env.add(new EnvVar(MEGABYTE + "=", null, null))),
        hostile("null env", b -> b.getSpec().env.add(null)),
        hostile("env of nulls", b -> b.getSpec().env.add(new EnvVar())),
        hostile(
            "label value with illegal characters", b -> b.getSpec().pod.labels.put("a", "ü/ß\n")),
        hostile("label key with illegal characters", b -> b.getSpec().pod.labels.put("ü/ß", "a")),
        hostile("megabyte label key", b -> b.getSpec().pod.labels.put(MEGABYTE, MEGABYTE)),
        hostile("megabyte label prefix", b -> b.getSpec().pod.labels.put(MEGABYTE + "/a", "a")),
        hostile("slash-only label key", b -> b.getSpec().pod.labels.put("/", "a")),
        hostile("megabyte annotation", b -> b.getSpec().pod.annotations.put("a", MEGABYTE)),
        hostile("null annotation key", b -> b.getSpec().pod.annotations.put(null, "x")),
        hostile("megabyte node selector", b -> b.getSpec().pod.nodeSelector.put("a", MEGABYTE)),
        hostile("megabyte service account", b -> b.getSpec().pod.serviceAccountName = MEGABYTE),
        hostile("megabyte health path", b -> b.getSpec().health.readinessPath = MEGABYTE),
        hostile(
            "negative rollout",
            b -> {
              b.getSpec().rollout.maxSurge = Integer.MIN_VALUE;
              b.getSpec().rollout.maxUnavailable = Integer.MAX_VALUE;
            }),
        hostile("null spec", b -> b.setSpec(null)),
        hostile("null metadata", b -> b.setMetadata(null)),
        hostile(
            "everything null inside",
            b -> {
              b.getSpec().image = null;
              b.getSpec().bridge.websocket = new WebSocketSettings();
              b.getSpec().bridge.websocket.path = null;
              b.getSpec().bridge.logging = new LoggingSettings();
              b.getSpec().bridge.logging.level = "";
              b.getSpec().pod.tolerations.add(null);
              b.getSpec().imagePullSecrets.add(null);
            }));
  }

  private static Arguments hostile(String name, Consumer<WebSocketBridge> breakIt) {
    return Arguments.of(name, breakIt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileInputIsReportedWithoutThrowing(String name, Consumer<WebSocketBridge> breakIt) {
    WebSocketBridge bridge = TestBridges.full();
    breakIt.accept(bridge);

    List<Violation> violations =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SpecValidator.validate(bridge));

    assertThat(violations).isNotEmpty();
    assertThat(violations)
        .allSatisfy(
            v -> {
              assertThat(v.message()).doesNotContain("internal error");
              assertThat(v.toString()).hasSizeLessThan(1000);
            });
  }
}
