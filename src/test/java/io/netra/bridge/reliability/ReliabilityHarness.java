package io.netra.bridge.reliability;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.impl.BaseClient;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The real operator against the mock API server and the simulated cluster, with the operator's
 * connection under the test's control: it goes through a TCP proxy (to cut watches) and a {@link
 * FaultInjector} (to fail, delay or race single requests, and to kill the operator). The simulated
 * cluster and the test itself talk to the API server directly. One per test class.
 */
final class ReliabilityHarness implements AutoCloseable {
  static final String INCIDENT_MESSAGE =
      "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  final EmbeddedApiServer api;
  final KubernetesClient client;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedCluster cluster;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TcpProxy proxy;
  private final int reconcileThreads;
  private FaultInjector injector;
  private KubernetesClient operatorClient;
  private BridgeOperator operator;

  ReliabilityHarness() {
    this(4);
  }

  ReliabilityHarness(int reconcileThreads) {
    this(reconcileThreads, true);
  }

  /**
   * The API server, the simulated cluster and the proxy, without an operator: for tests that start
   * their own operators (e.g. {@link io.netra.bridge.runtime.OperatorProcess} with leader election)
   * on clients made by {@link #recordingClient}.
   */
  static ReliabilityHarness withoutOperator() {
    return new ReliabilityHarness(4, false);
  }

  private ReliabilityHarness(int reconcileThreads, boolean startOperator) {
    this.reconcileThreads = reconcileThreads;
    api = EmbeddedApiServer.start();
    client = api.client();
    api.applyCrd(BridgeCrd.load());
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    proxy = new TcpProxy(URI.create(api.url()).getPort());
    if (startOperator) {
      startOperator();
    }
  }

  /** The API server's port, for a test's own {@link TcpProxy}. */
  int apiPort() {
    return URI.create(api.url()).getPort();
  }

  /**
   * A client for an operator, talking to {@code masterUrl} (the API server or a {@link TcpProxy})
   * with every request going through {@code faults}, which records it.
   */
  static KubernetesClient recordingClient(String masterUrl, FaultInjector faults) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(masterUrl)
                    .withTrustCerts(true)
                    .withNamespace("test")
                    .withHttp2Disable(true)
                    .withRequestRetryBackoffLimit(5)
                    .withRequestRetryBackoffInterval(50)
                    .build())
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("faults", faults))
            .build();
    client.adapt(BaseClient.class).setMatchingGroupPredicate(group -> true);
    return client;
  }

  /** Starts a fresh operator process: a new client, new caches, nothing kept in memory. */
  void startOperator() {
    injector = new FaultInjector();
    operatorClient = recordingClient(proxy.url(), injector);
    operator =
        BridgeOperator.start(operatorClient, Set.of(), meters, Clock.systemUTC(), reconcileThreads);
  }

  FaultInjector faults() {
    return injector;
  }

  void stopOperator() {
    if (operator == null) {
      return;
    }
    operator.close();
    operatorClient.close();
    injector.close();
  }

  /**
   * Waits until the operator has died at its crash point (see {@link FaultInjector#crashAt}),
   * disposes of the dead process and starts a fresh one.
   */
  void awaitCrashAndRestart() {
    await().atMost(Duration.ofSeconds(30)).until(injector::crashed);
    stopOperator();
    startOperator();
  }

  String newNamespace() {
    String name = "rel-" + NAMESPACES.incrementAndGet();
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

  /** Edits the bridge the way a user would: PUT with resourceVersion, generation bumped. */
  WebSocketBridge edit(String namespace, String name, Consumer<WebSocketBridge> change) {
    return client
        .resources(WebSocketBridge.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            b -> {
              change.accept(b);
              b.getMetadata()
                  .setGeneration(
                      b.getMetadata().getGeneration() == null
                          ? 2
                          : b.getMetadata().getGeneration() + 1);
              return b;
            });
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

  WebSocketBridgeStatus awaitPhase(String namespace, String name, Phase phase) {
    return awaitStatus(namespace, name, Duration.ofSeconds(30), s -> s.phase == phase);
  }

  /** Phase RolledBack and the Deployment on the stable image. */
  WebSocketBridgeStatus awaitRolledBack(String namespace, String name) {
    return awaitStatus(
        namespace,
        name,
        Duration.ofSeconds(40),
        s ->
            s.phase == Phase.RolledBack
                && s.stableRevision != null
                && s.currentRevision != null
                && s.stableRevision.image.equals(s.currentRevision.image)
                && s.stableRevision.image.equals(deployedImage(namespace, name)));
  }

  Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  String deployedImage(String namespace, String name) {
    Deployment d = deployment(namespace, name);
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  List<Event> events(String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  long eventCount(String namespace, String reason) {
    return events(namespace).stream().filter(e -> reason.equals(e.getReason())).count();
  }

  static Optional<Condition> condition(WebSocketBridgeStatus status, String type) {
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * Records every image the Deployment {@code name} carries, in order, collapsing repeats (a
   * status-only update does not count as a change).
   */
  ImageHistory recordImages(String namespace, String name) {
    ImageHistory history = new ImageHistory();
    history.watch =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Deployment d) {
                    if (action != Action.DELETED) {
                      history.add(
                          d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    return history;
  }

  static final class ImageHistory implements AutoCloseable {
    private final List<String> images = Collections.synchronizedList(new ArrayList<>());
    private Watch watch;

    private void add(String image) {
      synchronized (images) {
        if (images.isEmpty() || !images.get(images.size() - 1).equals(image)) {
          images.add(image);
        }
      }
    }

    List<String> images() {
      synchronized (images) {
        return List.copyOf(images);
      }
    }

    @Override
    public void close() {
      watch.close();
    }
  }

  @Override
  public void close() {
    stopOperator();
    proxy.close();
    cluster.close();
    client.close();
    api.close();
  }
}
