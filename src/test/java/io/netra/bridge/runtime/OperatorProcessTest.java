package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The operator process as production runs it (endpoints, metrics, logs) against the embedded API
 * and the simulated cluster, through the incident.
 */
class OperatorProcessTest {
  static final String SECRET = "s3cr3t-value-never-logged";
  static final String CRASH =
      "Traceback (most recent call last):\n"
          + "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  static EmbeddedApiServer api;
  static KubernetesClient client;
  static SimulatedRegistry registry = new SimulatedRegistry();
  static SimulatedCluster cluster;
  static OperatorProcess process;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    // Another test may have configured logging for the demo (WARN and up) in this JVM.
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    api = EmbeddedApiServer.start();
    api.applyCrd(BridgeCrd.load());
    client = api.client();
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    process =
        OperatorProcess.start(
            api.client(), new RunSettings(Set.of(), Optional.of(0), Optional.empty(), 2), () -> {});
  }

  @AfterAll
  static void stop() {
    process.close();
    cluster.close();
    client.close();
    api.close();
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .detachAppender(logs);
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  static WebSocketBridgeStatus awaitStatus(String ns, Predicate<WebSocketBridgeStatus> condition) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(25))
        .until(
            () -> {
              WebSocketBridge b =
                  client.resources(WebSocketBridge.class).inNamespace(ns).withName("chat").get();
              return b == null ? null : b.getStatus();
            },
            s -> s != null && condition.test(s));
  }

  @Test
  void healthAndReadinessAnswerOnceTheInformersHaveSynced() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/readyz").statusCode() == 200);
    assertThat(get("/readyz").body()).isEqualTo("ready: single\n");
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue(OperatorHttpServer.PROMETHEUS_TEXT);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void theIncidentShowsInTheMetricsWithoutBridgeNamesSecretsOrLeaseWrites() throws Exception {
    String ns = "metrics";
    namespace(ns);
    String good = "gcr.io/netra/netra-backend:1.4.0";
    String goodDigest = registry.publish(good, ImageBehaviour.healthy());
    registry.publish("gcr.io/netra/netra-backend:1.5.0", ImageBehaviour.crashesAtStartup(1, CRASH));
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(new ObjectMetaBuilder().withName("chat").withNamespace(ns).build());
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = good;
    spec.replicas = 2;
    spec.rollout.drainSeconds = 0;
    spec.env = new java.util.ArrayList<>(List.of(new EnvVar("API_TOKEN", SECRET, null)));
    bridge.setSpec(spec);
    client.resource(bridge).create();
    awaitStatus(ns, s -> s.phase == Phase.Ready);
    assertThat(get("/metrics").body()).contains("websocket_bridge_bridges{phase=\"Ready\"} 1");

    client
        .resources(WebSocketBridge.class)
        .inNamespace(ns)
        .withName("chat")
        .edit(
            b -> {
              b.getSpec().image = "gcr.io/netra/netra-backend:1.5.0";
              b.getMetadata().setGeneration(2L);
              return b;
            });
    awaitStatus(
        ns, s -> s.phase == Phase.RolledBack && s.readyReplicas != null && s.readyReplicas == 2);
    // The failure is recorded in status before the rollback is written: wait for the write.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(ns)
                    .withName("chat")
                    .get()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .equals("gcr.io/netra/netra-backend@" + goodDigest));

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("websocket_bridge_rollbacks_total{reason=\"CrashLoopBackOff\"} 1.0")
        .containsPattern(
            "websocket_bridge_detection_to_rollback_seconds_bucket\\{reason=\"CrashLoopBackOff\","
                + "le=\"[0-9.]+\"\\}")
        .contains(
            "websocket_bridge_detection_to_rollback_seconds_count{reason=\"CrashLoopBackOff\"} 1")
        .contains("websocket_bridge_rollout_duration_seconds_count{outcome=\"succeeded\"} 1")
        .contains("websocket_bridge_rollout_duration_seconds_count{outcome=\"rolled_back\"} 1")
        .contains("websocket_bridge_bridges{phase=\"RolledBack\"} 1.0")
        .contains("websocket_bridge_bridges{phase=\"Ready\"} 0.0")
        .contains("websocket_bridge_replicas_desired 2.0")
        .contains("websocket_bridge_replicas_ready 2.0")
        .contains("websocket_bridge_config_hash_mismatches_total 0.0")
        .contains("operator_sdk_");
    assertThat(metrics).doesNotContain("\"chat\"").doesNotContain(SECRET).doesNotContain("1.5.0");
    assertThat(client.leases().inAnyNamespace().list().getItems())
        .as("leader election is off: no lease writes")
        .isEmpty();

    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).noneMatch(l -> l.contains(SECRET));
    assertThat(lines)
        .anyMatch(l -> l.startsWith(ns + "/chat revision ") && l.contains("rolled back to"));
  }
}
