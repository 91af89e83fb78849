package io.netra.bridge.simulation;

import static io.netra.bridge.simulation.BridgeFixtures.IMAGE;
import static io.netra.bridge.simulation.BridgeFixtures.bridge;
import static io.netra.bridge.simulation.BridgeFixtures.bridgeStatus;
import static io.netra.bridge.simulation.BridgeFixtures.configMap;
import static io.netra.bridge.simulation.BridgeFixtures.isReady;
import static io.netra.bridge.simulation.BridgeFixtures.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated kubelet of controller mode refuses, waits and reports as a real one. */
class StrictKubeletTest {

  private static final String NS = "strict";
  private static final String YAML = "websocket:\n  path: /ws\n";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private EmbeddedApiServer apiServer;
  private KubernetesClient client;
  private SimulatedRegistry registry;
  private SimulatedCluster cluster;

  @BeforeEach
  void start() {
    apiServer = EmbeddedApiServer.start();
    client = apiServer.client();
    registry = new SimulatedRegistry();
    cluster =
        SimulatedCluster.start(
            client, registry, SimulationSettings.defaults().withStep(Duration.ofMillis(10)));
  }

  @AfterEach
  void stop() {
    cluster.close();
    client.close();
    apiServer.close();
  }

  @Test
  void underRunAsNonRootARootImageIsRefusedWithTheKubeletsMessage() {
    registry.publish(IMAGE + ":root", ImageBehaviour.healthy().withUser("0"));
    client.resource(configMap(NS, YAML)).create();
    client.resource(withBridge(bridge(NS, "ws", IMAGE + ":root", 1), nonRoot(null))).create();

    Pod pod = awaitPod("ws", p -> "CreateContainerConfigError".equals(waitingReason(p)));

    assertThat(bridgeStatus(pod).getState().getWaiting().getMessage())
        .startsWith("container has runAsNonRoot and image will run as root (pod: \"ws-")
        .endsWith(", container: bridge)");
  }

  @Test
  void underRunAsNonRootANamedUserCannotBeVerified() {
    registry.publish(IMAGE + ":named", ImageBehaviour.healthy().withUser("bridge"));
    client.resource(configMap(NS, YAML)).create();
    client.resource(withBridge(bridge(NS, "ws", IMAGE + ":named", 1), nonRoot(null))).create();

    Pod pod = awaitPod("ws", p -> "CreateContainerConfigError".equals(waitingReason(p)));

    assertThat(bridgeStatus(pod).getState().getWaiting().getMessage())
        .contains(
            "container has runAsNonRoot and image has non-numeric user (bridge), cannot verify"
                + " user is non-root");
  }

  @Test
  void aRunAsUserLetsARootImageRunUnderRunAsNonRoot() {
    registry.publish(IMAGE + ":root", ImageBehaviour.healthy().withUser(""));
    client.resource(configMap(NS, YAML)).create();
    client.resource(withBridge(bridge(NS, "ws", IMAGE + ":root", 1), nonRoot(1000L))).create();

    awaitPod("ws", BridgeFixtures::isReady);
  }

  @Test
  void aReadinessProbeOnAPathTheBridgeDoesNotServeNeverPasses() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client
        .resource(withBridge(bridge(NS, "ws", IMAGE + ":1.0", 1), readinessProbe("/healthz", "ws")))
        .create();

    awaitPod("ws", p -> bridgeStatus(p) != null && bridgeStatus(p).getStarted() == Boolean.TRUE);
    cluster.awaitSteps(20);

    Pod pod = cluster.pods(NS, "ws").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(isReady(pod)).isFalse();
  }

  @Test
  void aReadinessProbeOnAnotherPortNeverPassesAndOneOnTheServedPathAndNamedPortDoes()
      throws Exception {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client
        .resource(
            withBridge(
                bridge(NS, "wrong", IMAGE + ":1.0", 1), readinessProbe("/health/ready", 9090)))
        .create();
    client
        .resource(
            withBridge(
                bridge(NS, "right", IMAGE + ":1.0", 1), readinessProbe("/health/ready", "ws")))
        .create();

    Pod right = awaitPod("right", BridgeFixtures::isReady);
    cluster.awaitSteps(20);

    assertThat(BridgeFixtures.get(right, "/health/ready").statusCode()).isEqualTo(200);
    assertThat(BridgeFixtures.get(right, "/health/live").statusCode()).isEqualTo(200);
    assertThat(isReady(cluster.pods(NS, "wrong").get(0))).isFalse();
  }

  @Test
  void aMissingConfigMapVolumeLeavesThePodContainerCreatingWithAFailedMountEvent() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();

    awaitPod("ws", p -> "ContainerCreating".equals(waitingReason(p)));
    await().atMost(TIMEOUT).until(() -> !failedMounts().isEmpty());
    cluster.awaitSteps(10);

    Pod pod = cluster.pods(NS, "ws").get(0);
    assertThat(waitingReason(pod)).isEqualTo("ContainerCreating");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    Event event = failedMounts().get(0);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getInvolvedObject().getName()).isEqualTo(pod.getMetadata().getName());
    assertThat(event.getMessage())
        .isEqualTo(
            "MountVolume.SetUp failed for volume \"config\" : configmap \"bridge-config\" not found");

    client.resource(configMap(NS, YAML)).create();
    awaitPod("ws", BridgeFixtures::isReady);
  }

  @Test
  void aStatusWrittenOnThePodItselfIsIgnoredAndReadinessLossComesFromTheKubelet() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();
    Pod pod = awaitPod("ws", BridgeFixtures::isReady);
    String name = pod.getMetadata().getName();

    client
        .pods()
        .inNamespace(NS)
        .withName(name)
        .edit(
            p -> {
              p.getStatus().getConditions().forEach(c -> c.setStatus("False"));
              return p;
            });
    assertThat(isReady(client.pods().inNamespace(NS).withName(name).get())).isTrue();

    cluster.failReadiness(NS, name);

    awaitPod("ws", p -> !isReady(p));
    await().atMost(TIMEOUT).until(() -> deployment("ws").getStatus().getReadyReplicas() == null);
  }

  @Test
  void anImageLoadedLocallyReportsABareImageId() {
    String digest = registry.loadLocally(IMAGE + ":dev", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":dev", 1)).create();

    Pod pod = awaitPod("ws", BridgeFixtures::isReady);

    assertThat(bridgeStatus(pod).getImageID()).isEqualTo(digest).startsWith("sha256:");
  }

  @Test
  void aDeletedPodIsMarkedThenRemovedByTheKubeletAndReplaced() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();
    String name = awaitPod("ws", BridgeFixtures::isReady).getMetadata().getName();

    client.pods().inNamespace(NS).withName(name).delete();

    Pod marked = client.pods().inNamespace(NS).withName(name).get();
    assertThat(marked).isNotNull();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    await().atMost(TIMEOUT).until(() -> client.pods().inNamespace(NS).withName(name).get() == null);
    awaitPod("ws", p -> !p.getMetadata().getName().equals(name) && isReady(p));
  }

  @Test
  void theLogTailIsTheTerminationMessageOnlyUnderFallbackToLogsOnError() {
    registry.publish(IMAGE + ":2.0", ImageBehaviour.crashesAtStartup(1, "boom"));
    client.resource(configMap(NS, YAML)).create();
    client
        .resource(
            withBridge(
                bridge(NS, "file", IMAGE + ":2.0", 1), c -> c.setTerminationMessagePolicy("File")))
        .create();
    client
        .resource(
            withBridge(
                bridge(NS, "logs", IMAGE + ":2.0", 1),
                c -> c.setTerminationMessagePolicy("FallbackToLogsOnError")))
        .create();

    Pod file = awaitPod("file", p -> "CrashLoopBackOff".equals(waitingReason(p)));
    Pod logs = awaitPod("logs", p -> "CrashLoopBackOff".equals(waitingReason(p)));

    assertThat(bridgeStatus(file).getLastState().getTerminated().getMessage()).isNull();
    assertThat(bridgeStatus(logs).getLastState().getTerminated().getMessage()).isEqualTo("boom");
  }

  private static Consumer<Container> nonRoot(Long runAsUser) {
    return c ->
        c.setSecurityContext(
            new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(runAsUser).build());
  }

  private static Consumer<Container> readinessProbe(String path, Object port) {
    IntOrString probePort =
        port instanceof Integer number ? new IntOrString(number) : new IntOrString((String) port);
    return c ->
        c.setReadinessProbe(
            new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(probePort)
                .endHttpGet()
                .build());
  }

  private static Deployment withBridge(Deployment deployment, Consumer<Container> change) {
    change.accept(deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
    return deployment;
  }

  private List<Event> failedMounts() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "FailedMount".equals(e.getReason()))
        .toList();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private Pod awaitPod(String deployment, Predicate<Pod> condition) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> cluster.pods(NS, deployment).stream().filter(condition).findFirst().orElse(null),
            p -> p != null);
  }
}
