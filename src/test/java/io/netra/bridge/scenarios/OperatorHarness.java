package io.netra.bridge.scenarios;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real operator against the Fabric8 Mock Server and the simulated cluster. One per test class
 * ({@code @RegisterExtension static final OperatorHarness harness = new OperatorHarness();}),
 * closed after the class; each test works in a namespace of its own.
 */
final class OperatorHarness implements AutoCloseable, AfterAllCallback {
  static final String INCIDENT_MESSAGE =
      "Traceback (most recent call last):\n"
          + "  File \"/app/netra_backend/app/main.py\", line 41, in startup\n"
          + "    bridge.configure(websocket_manager=manager, logger=logger)\n"
          + "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  final EmbeddedApiServer api;
  final KubernetesClient client;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedCluster cluster;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private BridgeOperator operator;

  OperatorHarness() {
    api = EmbeddedApiServer.start();
    client = api.client();
    api.applyCrd(BridgeCrd.load());
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    startOperator();
  }

  void startOperator() {
    operator = BridgeOperator.start(api.client(), Set.of(), meters, Clock.systemUTC(), 4);
  }

  /** Stops the operator abruptly-ish and starts a fresh one: nothing survives but the cluster. */
  void restartOperator() {
    operator.close();
    startOperator();
  }

  void stopOperator() {
    operator.close();
  }

  String newNamespace() {
    String name = "test-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  String publish(String image, ImageBehaviour behaviour) {
    return registry.publish(image, behaviour);
  }

  WebSocketBridge bridge(
      String namespace, String name, String image, Consumer<WebSocketBridgeSpec> tweak) {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    WebSocketBridgeSpec spec = new WebSocketBridgeSpec();
    spec.image = image;
    spec.replicas = 2;
    spec.rollout.progressDeadlineSeconds = 10;
    spec.rollout.drainSeconds = 0;
    tweak.accept(spec);
    bridge.setSpec(spec);
    return bridge;
  }

  WebSocketBridge create(WebSocketBridge bridge) {
    return client.resource(bridge).create();
  }

  WebSocketBridge get(String namespace, String name) {
    return client.resources(WebSocketBridge.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Edits the spec (or metadata) the way a user or GitOps tool would: read, change, write with the
   * resourceVersion read, and try again when the operator's status write came in between.
   */
  WebSocketBridge edit(String namespace, String name, Consumer<WebSocketBridge> change) {
    for (int attempt = 1; ; attempt++) {
      WebSocketBridge current = get(namespace, name);
      change.accept(current);
      try {
        return client.resource(current).update();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  WebSocketBridgeStatus awaitStatus(
      String namespace, String name, Duration timeout, Predicate<WebSocketBridgeStatus> condition) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(25))
        .until(
            () -> {
              WebSocketBridge b = get(namespace, name);
              return b == null ? null : b.getStatus();
            },
            s -> s != null && condition.test(s));
  }

  /**
   * Waits until the rollback is written: phase RolledBack and the Deployment on the stable digest.
   */
  WebSocketBridgeStatus awaitRolledBack(String namespace, String name) {
    return awaitStatus(
        namespace,
        name,
        Duration.ofSeconds(30),
        s ->
            s.phase == Phase.RolledBack
                && s.stableRevision != null
                && s.currentRevision != null
                && s.stableRevision.image.equals(s.currentRevision.image)
                && s.stableRevision.image.equals(deployedImage(namespace, name)));
  }

  WebSocketBridgeStatus awaitPhase(String namespace, String name, Phase phase) {
    return awaitStatus(namespace, name, Duration.ofSeconds(20), s -> s.phase == phase);
  }

  Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /**
   * What the operator writes on the Deployment (spec and annotations), as JSON. The simulated
   * Deployment controller writes status, so resourceVersion is no measure of the operator's writes.
   */
  String deploymentAsWritten(String namespace, String name) {
    Deployment d = deployment(namespace, name);
    Map<String, String> ours = new java.util.TreeMap<>(d.getMetadata().getAnnotations());
    ours.keySet().removeIf(k -> !k.startsWith("bridge.netra.io/"));
    return io.netra.bridge.rendering.CanonicalJson.write(java.util.List.of(d.getSpec(), ours));
  }

  String deployedImage(String namespace, String name) {
    return deployment(namespace, name)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  List<Pod> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems();
  }

  List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  List<String> eventReasons(String namespace) {
    return events(namespace).stream().map(Event::getReason).toList();
  }

  Map<String, String> conditionStatuses(WebSocketBridgeStatus status) {
    return status.conditions.stream()
        .collect(java.util.stream.Collectors.toMap(c -> c.getType(), c -> c.getStatus()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    operator.close();
    cluster.close();
    api.close();
  }
}
