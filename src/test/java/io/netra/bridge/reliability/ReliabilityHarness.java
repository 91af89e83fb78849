package io.netra.bridge.reliability;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.runtime.BridgeOperator;
import io.netra.bridge.simulation.EmbeddedApiServer;
import io.netra.bridge.simulation.ImageBehaviour;
import io.netra.bridge.simulation.SimulatedCluster;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.BridgeTestClient;
import io.netra.bridge.testing.NoLoopCheck;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The real operator against the mock API server and the simulated cluster, with the operator's
 * connection under the test's control: it goes through a TCP proxy (to cut watches) and a {@link
 * FaultInjector} (to fail, delay or race single requests, and to kill the operator). The simulated
 * cluster and the test itself talk to the API server directly. One per test class.
 */
final class ReliabilityHarness extends BridgeTestClient implements AutoCloseable {
  static final String INCIDENT_MESSAGE =
      "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  final EmbeddedApiServer api;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedCluster cluster;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TcpProxy proxy;
  final NoLoopCheck noLoop;
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
    this(EmbeddedApiServer.start(), reconcileThreads, startOperator);
  }

  private ReliabilityHarness(EmbeddedApiServer api, int reconcileThreads, boolean startOperator) {
    super(api.client(), "rel-", Duration.ofSeconds(30));
    this.api = api;
    this.reconcileThreads = reconcileThreads;
    api.applyCrd(BridgeCrd.load());
    cluster =
        SimulatedCluster.start(
            api.client(), registry, SimulationSettings.defaults().withStep(Duration.ofMillis(20)));
    proxy = new TcpProxy(URI.create(api.url()).getPort());
    noLoop = new NoLoopCheck(this, cluster, this::operatorWritesIn);
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

  /** What the running operator wrote into {@code namespace} since it started. */
  private List<String> operatorWritesIn(String namespace) {
    String segment = "/namespaces/" + namespace + "/";
    return injector.writes().stream()
        .map(call -> call.method() + " " + call.path())
        .filter(write -> write.contains(segment))
        .toList();
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

  String publish(String image, ImageBehaviour behaviour) {
    return registry.publish(image, behaviour);
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
