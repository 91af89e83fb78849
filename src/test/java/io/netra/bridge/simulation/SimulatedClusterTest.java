package io.netra.bridge.simulation;

import static io.netra.bridge.simulation.BridgeFixtures.IMAGE;
import static io.netra.bridge.simulation.BridgeFixtures.bridge;
import static io.netra.bridge.simulation.BridgeFixtures.bridgeStatus;
import static io.netra.bridge.simulation.BridgeFixtures.configMap;
import static io.netra.bridge.simulation.BridgeFixtures.get;
import static io.netra.bridge.simulation.BridgeFixtures.isReady;
import static io.netra.bridge.simulation.BridgeFixtures.waitingReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

  private static final String NS = "bridges";
  private static final String YAML = "listen: 0.0.0.0:8080\nupstream: wss://agents.example\n";

  /** Only against a hang: what a wait may take is bounded in steps ({@link #withinSteps}). */
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  /** The 5 s these waits had at 10 ms steps, as steps: a busy machine slows steps, not counts. */
  private static final int STEPS = 500;

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

  private ConditionFactory withinSteps() {
    long start = cluster.currentStep();
    return await()
        .atMost(TIMEOUT)
        .failFast(
            "not within " + STEPS + " simulation steps",
            () -> cluster.currentStep() > start + STEPS);
  }

  @AfterEach
  void stop() {
    cluster.close();
    client.close();
    apiServer.close();
  }

  @Test
  void healthyImageGetsReadyPodsThatServeTheLoadedConfigHash() throws Exception {
    String digest = registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 2)).create();

    List<Pod> pods = awaitPods("ws", 2, BridgeFixtures::isReady);

    for (Pod pod : pods) {
      ContainerStatus status = bridgeStatus(pod);
      assertThat(status.getImageID()).isEqualTo(IMAGE + "@" + digest);
      assertThat(status.getImage()).isEqualTo(IMAGE + ":1.0");
      assertThat(status.getState().getRunning().getStartedAt()).isNotBlank();
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getSpec().getNodeName()).isEqualTo("sim-node-1");
      assertThat(pod.getStatus().getPodIP()).startsWith("127.").isNotEqualTo("127.0.0.1");
      assertThat(pod.getMetadata().getName())
          .matches("ws-" + pod.getMetadata().getLabels().get("pod-template-hash") + "-[a-z0-9]{5}");
      HttpResponse<String> answer = get(pod, "/health/config");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body())
          .isEqualTo(
              "{\"configured\": true, \"configHash\": \"" + MountedConfig.configHash(YAML) + "\"}");
      assertThat(get(pod, "/other").statusCode()).isEqualTo(404);
    }
    assertThat(pods).extracting(p -> p.getStatus().getPodIP()).doesNotHaveDuplicates();
    withinSteps()
        .untilAsserted(
            () -> {
              Deployment deployment = deployment("ws");
              assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
              assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
              assertThat(condition(deployment, "Available").getStatus()).isEqualTo("True");
              assertThat(condition(deployment, "Progressing").getReason())
                  .isEqualTo("NewReplicaSetAvailable");
            });
  }

  @Test
  void deploymentsSpreadOverShardsEachGetTheirPodsAndTheStepsCountForEveryShard() {
    cluster.close();
    cluster =
        SimulatedCluster.start(
            client,
            registry,
            SimulationSettings.defaults().withStep(Duration.ofMillis(10)).withShards(3));
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    List<String> names = List.of("ws-a", "ws-b", "ws-c", "ws-d", "ws-e", "ws-f");
    names.forEach(name -> client.resource(bridge(NS, name, IMAGE + ":1.0", 2)).create());

    List<String> ips = new java.util.ArrayList<>();
    for (String name : names) {
      awaitPods(name, 2, BridgeFixtures::isReady)
          .forEach(pod -> ips.add(pod.getStatus().getPodIP()));
    }
    long before = cluster.currentStep();
    cluster.awaitSteps(3);

    assertThat(ips).hasSize(12).doesNotHaveDuplicates();
    assertThat(cluster.podsCreated()).isEqualTo(12);
    assertThat(cluster.currentStep()).isGreaterThanOrEqualTo(before + 3);
  }

  @Test
  void crashingImageLoopsWithGrowingRestartCount() {
    registry.publish(
        IMAGE + ":2.0",
        ImageBehaviour.crashesAtStartup(
            1, "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'"));
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":2.0", 1)).create();

    Pod pod =
        awaitPods(
                "ws",
                1,
                p ->
                    "CrashLoopBackOff".equals(waitingReason(p))
                        && bridgeStatus(p).getRestartCount() >= 2)
            .get(0);

    ContainerStatus status = bridgeStatus(pod);
    assertThat(status.getReady()).isFalse();
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(status.getLastState().getTerminated().getMessage())
        .contains("object has no attribute 'configure'");
    assertThat(status.getState().getWaiting().getMessage()).contains("restarting failed");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(isReady(pod)).isFalse();
  }

  @Test
  void unpublishedImageAlternatesErrImagePullAndImagePullBackOff() {
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":missing", 1)).create();
    Set<String> reasons = ConcurrentHashMap.newKeySet();

    withinSteps()
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              cluster.pods(NS, "ws").forEach(p -> reasons.add(String.valueOf(waitingReason(p))));
              return reasons.containsAll(Set.of("ErrImagePull", "ImagePullBackOff"));
            });

    Pod pod = cluster.pods(NS, "ws").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(bridgeStatus(pod).getImageID()).isEmpty();
    assertThat(reasons).doesNotContain("Running", "CrashLoopBackOff");
  }

  @Test
  void invalidImageNameIsReported() {
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", "localhost:5000/Team/Bridge:1.0", 1)).create();

    Pod pod = awaitPods("ws", 1, p -> "InvalidImageName".equals(waitingReason(p))).get(0);

    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  void staleConfigImageIsReadyButAnswersAnotherHash() throws Exception {
    registry.publish(IMAGE + ":1.1", ImageBehaviour.staleConfig());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.1", 1)).create();

    Pod pod = awaitPods("ws", 1, BridgeFixtures::isReady).get(0);

    HttpResponse<String> answer = get(pod, "/health/config");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .contains("\"configured\": true")
        .doesNotContain(MountedConfig.configHash(YAML));
  }

  @Test
  void neverReadyImageRunsAndAnswersNotConfigured() throws Exception {
    registry.publish(IMAGE + ":1.2", ImageBehaviour.neverReady());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.2", 1)).create();

    Pod pod = awaitPods("ws", 1, p -> bridgeStatus(p).getStarted() == Boolean.TRUE).get(0);
    cluster.awaitSteps(10);

    assertThat(isReady(cluster.pods(NS, "ws").get(0))).isFalse();
    HttpResponse<String> answer = get(pod, "/health/config");
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).isEqualTo("{\"configured\": false}");
  }

  @Test
  void missingConfigMapBlocksThePodInContainerCreatingUntilItExists() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();

    awaitPods("ws", 1, p -> "ContainerCreating".equals(waitingReason(p)));
    cluster.awaitSteps(10);
    assertThat(waitingReason(cluster.pods(NS, "ws").get(0))).isEqualTo("ContainerCreating");

    client.resource(configMap(NS, YAML)).create();
    awaitPods("ws", 1, BridgeFixtures::isReady);
  }

  @Test
  void aSecretKeyRefToAMissingKeyWaitsWithTheKubeletsMessage() {
    registry.publish(IMAGE + ":1.3", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bridge")
                .withNamespace(NS)
                .endMetadata()
                .addToData("other", "c2VjcmV0")
                .build())
        .create();
    client
        .resource(withSecretKeyRef(bridge(NS, "ws", IMAGE + ":1.3", 1), "bridge", "token"))
        .create();

    Pod pod = awaitPods("ws", 1, p -> "CreateContainerConfigError".equals(waitingReason(p))).get(0);

    assertThat(bridgeStatus(pod).getState().getWaiting().getMessage())
        .isEqualTo("couldn't find key token in Secret " + NS + "/bridge");
  }

  @Test
  void aSecretKeyRefToAMissingSecretWaitsUntilItExists() {
    registry.publish(IMAGE + ":1.3", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client
        .resource(withSecretKeyRef(bridge(NS, "ws", IMAGE + ":1.3", 1), "bridge", "token"))
        .create();

    Pod pod = awaitPods("ws", 1, p -> "CreateContainerConfigError".equals(waitingReason(p))).get(0);
    assertThat(bridgeStatus(pod).getState().getWaiting().getMessage())
        .isEqualTo("secret \"bridge\" not found");

    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bridge")
                .withNamespace(NS)
                .endMetadata()
                .addToData("token", "c2VjcmV0")
                .build())
        .create();
    awaitPods("ws", 1, BridgeFixtures::isReady);
  }

  private static Deployment withSecretKeyRef(Deployment deployment, String secret, String key) {
    deployment
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .add(
            new EnvVarBuilder()
                .withName("TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build());
    return deployment;
  }

  @Test
  void rollingUpdateToCrashingImageKeepsTheOldPodsServing() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    registry.publish(IMAGE + ":2.0", ImageBehaviour.crashesAtStartup(1, "boom"));
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 2)).create();
    List<String> oldPods = names(awaitPods("ws", 2, BridgeFixtures::isReady));

    setImage("ws", IMAGE + ":2.0");
    awaitPods(
        "ws",
        3,
        p ->
            oldPods.contains(p.getMetadata().getName())
                ? isReady(p)
                : bridgeStatus(p).getRestartCount() >= 2);
    cluster.awaitSteps(20);

    List<Pod> pods = cluster.pods(NS, "ws");
    assertThat(pods).hasSize(3);
    assertThat(pods)
        .filteredOn(p -> oldPods.contains(p.getMetadata().getName()))
        .hasSize(2)
        .allMatch(BridgeFixtures::isReady);
    assertThat(pods)
        .filteredOn(p -> !oldPods.contains(p.getMetadata().getName()))
        .singleElement()
        .satisfies(p -> assertThat(bridgeStatus(p).getImage()).isEqualTo(IMAGE + ":2.0"))
        .satisfies(p -> assertThat(isReady(p)).isFalse());
    assertThat(cluster.podsCreated()).isEqualTo(3);
    Deployment deployment = deployment("ws");
    assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(condition(deployment, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
  }

  @Test
  void rollingUpdateBetweenHealthyImagesReplacesEveryPodWithoutLosingAvailability() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    String v2 = registry.publish(IMAGE + ":1.1", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 3)).create();
    List<String> oldPods = names(awaitPods("ws", 3, BridgeFixtures::isReady));
    awaitReadyReplicas("ws", 3);
    AtomicInteger minimumReady = new AtomicInteger(3);
    try (Watch watch =
        client.apps().deployments().inNamespace(NS).watch(readyTracker(minimumReady))) {
      setImage("ws", IMAGE + ":1.1");

      List<Pod> pods =
          awaitPods(
              "ws", 3, p -> isReady(p) && bridgeStatus(p).getImageID().equals(IMAGE + "@" + v2));

      assertThat(names(pods)).doesNotContainAnyElementsOf(oldPods);
      withinSteps()
          .until(
              () ->
                  condition(deployment("ws"), "Progressing")
                      .getReason()
                      .equals("NewReplicaSetAvailable"));
    }
    assertThat(cluster.podsCreated()).isEqualTo(6);
    assertThat(minimumReady.get()).isEqualTo(3);
    assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems())
        .hasSize(2)
        .anySatisfy(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
  }

  @Test
  void goingBackToAnEarlierTemplateReusesItsReplicaSet() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    registry.publish(IMAGE + ":1.1", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();
    String firstHash = hashOf(awaitPods("ws", 1, BridgeFixtures::isReady).get(0));
    setImage("ws", IMAGE + ":1.1");
    awaitPods("ws", 1, p -> isReady(p) && !hashOf(p).equals(firstHash));

    setImage("ws", IMAGE + ":1.0");

    awaitPods("ws", 1, p -> isReady(p) && hashOf(p).equals(firstHash));
    assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems()).hasSize(2);
    withinSteps()
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .apps()
                            .replicaSets()
                            .inNamespace(NS)
                            .withName("ws-" + firstHash)
                            .get()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("deployment.kubernetes.io/revision", "3"));
  }

  @Test
  void podPinnedByDigestKeepsItsBuildWhenTheTagMoves() {
    String healthy = registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    registry.publish(IMAGE + ":1.0", ImageBehaviour.crashesAtStartup(1, "boom"));
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0@" + healthy, 1)).create();

    Pod pod = awaitPods("ws", 1, BridgeFixtures::isReady).get(0);

    assertThat(bridgeStatus(pod).getImageID()).isEqualTo(IMAGE + "@" + healthy);
  }

  @Test
  void scalesToZeroAndBack() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 2)).create();
    awaitPods("ws", 2, BridgeFixtures::isReady);

    scale("ws", 0);
    withinSteps().until(() -> cluster.pods(NS, "ws").isEmpty());
    withinSteps().until(() -> deployment("ws").getStatus().getReadyReplicas() == null);

    scale("ws", 3);
    awaitPods("ws", 3, BridgeFixtures::isReady);
    assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetsAndPods() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 2)).create();
    client.resource(bridge(NS, "other", IMAGE + ":1.0", 1)).create();
    awaitPods("ws", 2, BridgeFixtures::isReady);
    awaitPods("other", 1, BridgeFixtures::isReady);

    client.apps().deployments().inNamespace(NS).withName("ws").delete();

    withinSteps()
        .untilAsserted(
            () -> {
              assertThat(client.pods().inNamespace(NS).list().getItems())
                  .extracting(p -> p.getMetadata().getName())
                  .hasSize(1)
                  .allMatch(name -> name.startsWith("other-"));
              assertThat(client.apps().replicaSets().inNamespace(NS).list().getItems()).hasSize(1);
            });
  }

  @Test
  void aDeletedPodIsReplaced() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 1)).create();
    Pod first = awaitPods("ws", 1, BridgeFixtures::isReady).get(0);

    client.resource(first).delete();
    // Marked for deletion, the pod stays until its kubelet has stopped it.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.pods().inNamespace(NS).withName(first.getMetadata().getName()).get()
                    == null);

    Pod second = awaitPods("ws", 1, BridgeFixtures::isReady).get(0);
    assertThat(second.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
    assertThat(second.getStatus().getPodIP()).isNotEqualTo(first.getStatus().getPodIP());
  }

  @Test
  void healthySteadyStateWritesNothing() {
    registry.publish(IMAGE + ":1.0", ImageBehaviour.healthy());
    client.resource(configMap(NS, YAML)).create();
    client.resource(bridge(NS, "ws", IMAGE + ":1.0", 3)).create();
    awaitPods("ws", 3, BridgeFixtures::isReady);
    awaitReadyReplicas("ws", 3);
    cluster.awaitSteps(5);
    AtomicInteger modified = new AtomicInteger();
    long writesBefore = cluster.writes();

    Watch watch = client.pods().inNamespace(NS).watch(modifiedCounter(modified));
    try {
      cluster.awaitSteps(30);
    } finally {
      watch.close();
    }

    assertThat(modified.get()).isZero();
    assertThat(cluster.writes()).isEqualTo(writesBefore);
  }

  private List<Pod> awaitPods(
      String deployment, int count, java.util.function.Predicate<Pod> condition) {
    return withinSteps()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> cluster.pods(NS, deployment),
            pods ->
                pods.size() == count
                    && pods.stream().allMatch(p -> bridgeStatus(p) != null && condition.test(p)));
  }

  private void awaitReadyReplicas(String name, int ready) {
    withinSteps()
        .until(() -> deployment(name).getStatus().getReadyReplicas(), r -> r != null && r == ready);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private void setImage(String name, String image) {
    editDeployment(
        name, d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
  }

  private void scale(String name, int replicas) {
    editDeployment(name, d -> d.getSpec().setReplicas(replicas));
  }

  /** Edits as a client must when a controller writes the same object: retry on conflict. */
  private void editDeployment(String name, java.util.function.Consumer<Deployment> change) {
    withinSteps()
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(
            () -> {
              Deployment deployment = deployment(name);
              change.accept(deployment);
              client.resource(deployment).update();
              return true;
            });
  }

  private static DeploymentCondition condition(Deployment deployment, String type) {
    return deployment.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  private static String hashOf(Pod pod) {
    return pod.getMetadata().getLabels().get("pod-template-hash");
  }

  private static Watcher<Deployment> readyTracker(AtomicInteger minimumReady) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment deployment) {
        Integer ready =
            deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        minimumReady.accumulateAndGet(ready == null ? 0 : ready, Math::min);
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static Watcher<Pod> modifiedCounter(AtomicInteger modified) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.MODIFIED) {
          modified.incrementAndGet();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
