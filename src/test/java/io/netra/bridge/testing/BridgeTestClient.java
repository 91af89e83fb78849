package io.netra.bridge.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.CanonicalJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a test does with bridges through the API, the way a user or GitOps tool would: create, edit,
 * wait for a status, look at the owned objects and events. Shared by the scenario and reliability
 * harnesses.
 */
public class BridgeTestClient {
  public static final String INCIDENT_MESSAGE =
      "Traceback (most recent call last):\n"
          + "  File \"/app/netra_backend/app/main.py\", line 41, in startup\n"
          + "    bridge.configure(websocket_manager=manager, logger=logger)\n"
          + "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";

  /**
   * A progress deadline for tests that wait past it (see {@link NoLoopCheck}): long enough for a
   * healthy simulated rollout (well under a second), short enough to keep the wait short.
   */
  public static final int SHORT_DEADLINE_SECONDS = 3;

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  public final KubernetesClient client;
  private final String namespacePrefix;
  private final Duration phaseTimeout;

  protected BridgeTestClient(
      KubernetesClient client, String namespacePrefix, Duration phaseTimeout) {
    this.client = client;
    this.namespacePrefix = namespacePrefix;
    this.phaseTimeout = phaseTimeout;
  }

  public String newNamespace() {
    String name = namespacePrefix + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** A bridge with 2 replicas, a 10 s progress deadline and no drain time, then {@code tweak}. */
  public WebSocketBridge bridge(
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

  public WebSocketBridge create(WebSocketBridge bridge) {
    return client.resource(bridge).create();
  }

  public WebSocketBridge get(String namespace, String name) {
    return client.resources(WebSocketBridge.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Edits the spec (or metadata): read, change, write with the resourceVersion read, and try again
   * when the operator's status write came in between.
   */
  public WebSocketBridge edit(String namespace, String name, Consumer<WebSocketBridge> change) {
    for (int attempt = 1; ; attempt++) {
      WebSocketBridge current = get(namespace, name);
      change.accept(current);
      try {
        return client.resource(current).update();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /**
   * Edits an object the way a person would ({@code kubectl edit}): when the simulated cluster or
   * the operator wrote in between (409), read again and redo the change.
   */
  public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T editByHand(
      io.fabric8.kubernetes.client.dsl.Resource<T> resource,
      java.util.function.UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  public WebSocketBridgeStatus awaitStatus(
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

  public WebSocketBridgeStatus awaitPhase(String namespace, String name, Phase phase) {
    return awaitStatus(namespace, name, phaseTimeout, s -> s.phase == phase);
  }

  /**
   * Waits until the rollback is written: phase RolledBack and the Deployment on the stable digest.
   */
  public WebSocketBridgeStatus awaitRolledBack(String namespace, String name) {
    return awaitStatus(
        namespace,
        name,
        phaseTimeout.plusSeconds(10),
        s ->
            s.phase == Phase.RolledBack
                && s.stableRevision != null
                && s.currentRevision != null
                && s.stableRevision.image.equals(s.currentRevision.image)
                && s.stableRevision.image.equals(deployedImage(namespace, name)));
  }

  public Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** The bridge's PodDisruptionBudget, or null. */
  public io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget podDisruptionBudget(
      String namespace, String name) {
    return client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName(name).get();
  }

  public String deployedImage(String namespace, String name) {
    Deployment d = deployment(namespace, name);
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /**
   * What the operator writes on the Deployment (spec and its own annotations), as JSON. The
   * simulated Deployment controller writes status, so resourceVersion is no measure of the
   * operator's writes.
   */
  public String deploymentAsWritten(String namespace, String name) {
    Deployment d = deployment(namespace, name);
    Map<String, String> ours = new TreeMap<>(d.getMetadata().getAnnotations());
    ours.keySet().removeIf(k -> !k.startsWith("bridge.netra.io/"));
    return CanonicalJson.write(List.of(d.getSpec(), ours));
  }

  public List<Pod> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems();
  }

  public List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  public List<String> eventReasons(String namespace) {
    return events(namespace).stream().map(Event::getReason).toList();
  }

  public long eventCount(String namespace, String reason) {
    return events(namespace).stream().filter(e -> reason.equals(e.getReason())).count();
  }

  public Map<String, String> conditionStatuses(WebSocketBridgeStatus status) {
    return status.conditions.stream()
        .collect(Collectors.toMap(Condition::getType, Condition::getStatus));
  }

  public static Optional<Condition> condition(WebSocketBridgeStatus status, String type) {
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
