package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.netra.bridge.model.Phase;
import io.netra.bridge.simulation.ImageBehaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 10: canary values planted in an env {@code value}, in a Secret referenced by {@code
 * secretKeyRef} and in {@code bridge.settings.apiToken}; a rollout and a rollback run; then every
 * log line (operator, Java Operator SDK and Fabric8 at DEBUG), event, status, ConfigMap and metric
 * name and tag is searched.
 *
 * <p>The rule: the Secret's value never leaves the Secret (the pod template refers to it by name).
 * The env value and the settings are the user's configuration: the env value is rendered into the
 * pod template (Deployment and ControllerRevision) and the settings into the bridge's config file
 * (the ConfigMap's {@code bridge.yaml}), by design, and nowhere else: never into logs, events,
 * status, metric names or tags, or any other part of a ConfigMap (name, labels, annotations).
 */
class SecretLeakTest {
  static final String ENV_CANARY = "canary-env-7f3a91d2";
  static final String SECRET_CANARY = "canary-secret-c0ffee42";
  static final String SETTING_CANARY = "canary-setting-5eed1e55";
  static final List<String> CANARIES = List.of(ENV_CANARY, SECRET_CANARY, SETTING_CANARY);
  static ReliabilityHarness harness;
  static final String GOOD = "ghcr.io/netra/bridge:70.0.0";
  static final String BAD = "ghcr.io/netra/bridge:70.1.0";

  @BeforeAll
  static void start() {
    harness = new ReliabilityHarness();
    harness.publish(GOOD, ImageBehaviour.healthy());
    harness.publish(BAD, ImageBehaviour.crashesAtStartup(1, ReliabilityHarness.INCIDENT_MESSAGE));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void noCanaryEscapesIntoLogsEventsStatusOrMetrics() {
    List<String> logs;
    String ns;
    try (LogCapture capture = new LogCapture("io.netra", "io.javaoperatorsdk", "io.fabric8")) {
      ns = harness.newNamespace();
      harness
          .client
          .secrets()
          .inNamespace(ns)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("bridge-secrets")
                  .endMetadata()
                  .addToStringData("token", SECRET_CANARY)
                  .build())
          .create();
      harness.create(
          harness.bridge(
              ns,
              "chat",
              GOOD,
              s -> {
                s.env.add(new EnvVarBuilder().withName("API_KEY").withValue(ENV_CANARY).build());
                s.env.add(
                    new EnvVarBuilder()
                        .withName("API_TOKEN")
                        .withNewValueFrom()
                        .withNewSecretKeyRef("token", "bridge-secrets", false)
                        .endValueFrom()
                        .build());
                s.bridge.settings.put("apiToken", SETTING_CANARY);
              }));
      harness.awaitPhase(ns, "chat", Phase.Ready);
      harness.edit(ns, "chat", b -> b.getSpec().image = BAD);
      harness.awaitRolledBack(ns, "chat");
      harness.cluster.awaitSteps(20);
      // The API server (the mock) and the simulated cluster share the JVM; they are not the
      // operator and are left out.
      logs =
          capture.lines().stream()
              .filter(l -> !l.contains(" io.fabric8.kubernetes.client.server.mock."))
              .filter(l -> !l.contains(" io.fabric8.mockwebserver."))
              .filter(l -> !l.contains(" io.netra.bridge.simulation."))
              .toList();
    }

    assertThat(logs).as("something was logged").isNotEmpty();
    for (String canary : CANARIES) {
      assertThat(logs.stream().filter(line -> line.contains(canary)).toList())
          .as("log lines with " + canary)
          .isEmpty();
    }

    List<Event> events = harness.events(ns);
    assertThat(events).isNotEmpty();
    String eventsJson = Serialization.asJson(events);
    String statusJson = Serialization.asJson(harness.get(ns, "chat").getStatus());
    List<String> meters = new ArrayList<>();
    for (Meter meter : harness.meters.getMeters()) {
      meters.add(meter.getId().getName());
      for (Tag tag : meter.getId().getTags()) {
        meters.add(tag.getKey() + "=" + tag.getValue());
      }
    }
    assertThat(meters).isNotEmpty();
    for (String canary : CANARIES) {
      assertThat(eventsJson).as("events").doesNotContain(canary);
      assertThat(statusJson).as("status").doesNotContain(canary);
      assertThat(meters).as("metrics").noneMatch(m -> m.contains(canary));
    }

    List<ConfigMap> configMaps = harness.client.configMaps().inNamespace(ns).list().getItems();
    assertThat(configMaps).isNotEmpty();
    for (ConfigMap configMap : configMaps) {
      String all = Serialization.asJson(configMap);
      assertThat(all).doesNotContain(SECRET_CANARY).doesNotContain(ENV_CANARY);
      String outsideTheFile =
          Serialization.asJson(configMap.getMetadata())
              + Serialization.asJson(
                  configMap.getData().entrySet().stream()
                      .filter(e -> !e.getKey().equals("bridge.yaml"))
                      .map(Map.Entry::getValue)
                      .toList());
      assertThat(outsideTheFile).doesNotContain(SETTING_CANARY);
    }
    // The settings are the user's configuration: they are in the config file, as designed.
    assertThat(configMaps)
        .anyMatch(c -> c.getData().get("bridge.yaml").contains("apiToken: " + SETTING_CANARY));
    // The Secret's value never leaves the Secret: the pod template refers to it by name.
    String workload =
        Serialization.asJson(harness.deployment(ns, "chat"))
            + Serialization.asJson(
                harness.client.apps().controllerRevisions().inNamespace(ns).list().getItems());
    assertThat(workload).doesNotContain(SECRET_CANARY).contains("bridge-secrets");
  }
}
