package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node mode against a real control plane (kube-apiserver and kube-controller-manager, no kubelet,
 * no scheduler): the one {@code KUBECONFIG} names. Skipped without it.
 */
class SimulatedNodesOnRealServerE2E {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String GOOD = "registry.example/wsb/bridge:good";
  private static final String CRASHING = "registry.example/wsb/bridge:crashing";
  private static final String CRASH_MESSAGE =
      "AttributeError: 'AgentWebSocketBridge' object has no attribute 'configure'";
  private static final String BRIDGE_YAML = "listen: 0.0.0.0:8080\n";

  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static final String NS = "wsb-sim-nodes-" + RUN;

  private static KubernetesClient client;
  private static SimulatedRegistry registry;
  private static SimulatedNodes nodes;
  private static String goodDigest;

  @BeforeAll
  static void startNodes() {
    String kubeconfig = System.getenv("KUBECONFIG");
    Assumptions.assumeTrue(
        kubeconfig != null && !kubeconfig.isBlank(), "KUBECONFIG names no cluster");
    File file = new File(kubeconfig.split(File.pathSeparator)[0]);
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(file)).build();
    registry = new SimulatedRegistry();
    goodDigest = registry.publish(GOOD, ImageBehaviour.healthy());
    registry.publish(CRASHING, ImageBehaviour.crashesAtStartup(1, CRASH_MESSAGE));
    nodes =
        SimulatedNodes.start(
            client,
            registry,
            SimulationSettings.defaults().withStep(Duration.ofMillis(50)),
            List.of("wsb-sim-" + RUN + "-0", "wsb-sim-" + RUN + "-1"),
            SimulatedNodes.OnClose.DELETE_NODES);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    // The controller manager creates the ServiceAccount; pods are refused until it exists.
    await()
        .atMost(TIMEOUT)
        .until(() -> client.serviceAccounts().inNamespace(NS).withName("default").get() != null);
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("bridge-config")
                .endMetadata()
                .withData(Map.of(MountedConfig.BRIDGE_CONFIG_KEY, BRIDGE_YAML))
                .build())
        .create();
  }

  @AfterAll
  static void stopNodes() {
    if (client == null) {
      return;
    }
    try {
      client.namespaces().withName(NS).delete();
    } finally {
      if (nodes != null) {
        nodes.close();
      }
      client.close();
    }
  }

  @Test
  void podsOfADeploymentAreBoundStartedAndServeTheirConfigEndpoint() throws Exception {
    create(bridgeDeployment("good", 2));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(pods("good"))
                    .hasSize(2)
                    .allSatisfy(pod -> assertThat(isReady(pod)).isTrue()));
    for (Pod pod : pods("good")) {
      assertThat(nodes.nodeNames()).contains(pod.getSpec().getNodeName());
      assertThat(pod.getStatus().getPodIP()).startsWith("127.");
      assertThat(pod.getStatus().getPodIPs())
          .singleElement()
          .extracting("ip")
          .isEqualTo(pod.getStatus().getPodIP());
      assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
      assertThat(pod.getStatus().getConditions())
          .extracting("type")
          .contains("PodScheduled", "Initialized", "ContainersReady", "Ready");
      ContainerStatus bridge = pod.getStatus().getContainerStatuses().get(0);
      assertThat(bridge.getImageID()).isEqualTo("registry.example/wsb/bridge@" + goodDigest);
      HttpResponse<String> answer = configEndpoint(pod.getStatus().getPodIP());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body())
          .contains("\"configHash\": \"" + MountedConfig.configHash(BRIDGE_YAML) + "\"");
    }
    // Different pods, different addresses; both nodes in use.
    assertThat(pods("good")).extracting(p -> p.getStatus().getPodIP()).doesNotHaveDuplicates();
    assertThat(pods("good")).extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates();

    client.apps().deployments().inNamespace(NS).withName("good").delete();

    // The garbage collector deletes the ReplicaSet, then its pods, gracefully: the node confirms.
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pods("good")).isEmpty());
  }

  @Test
  void aCrashingContainerLoopsAndReportsItsLogTailOnlyUnderFallbackToLogsOnError() {
    create(crashingDeployment("crash-file", "File"));
    create(crashingDeployment("crash-logs", "FallbackToLogsOnError"));

    ContainerStatus underFile = awaitCrashLoop("crash-file");
    ContainerStatus underLogs = awaitCrashLoop("crash-logs");

    assertThat(underFile.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(underFile.getLastState().getTerminated().getMessage()).isNull();
    assertThat(underLogs.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(underLogs.getLastState().getTerminated().getMessage()).isEqualTo(CRASH_MESSAGE);

    client.apps().deployments().inNamespace(NS).withName("crash-file").delete();
    client.apps().deployments().inNamespace(NS).withName("crash-logs").delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(pods("crash-file")).isEmpty();
              assertThat(pods("crash-logs")).isEmpty();
            });
  }

  @Test
  void theNodesStayReadyAndUntaintedAsTheirLeasesAreRenewed() {
    String name = nodes.nodeNames().get(0);
    ZonedDateTime firstRenewal = lease(name).getSpec().getRenewTime();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(lease(name).getSpec().getRenewTime()).isAfter(firstRenewal);
              for (String each : nodes.nodeNames()) {
                Node node = client.nodes().withName(each).get();
                assertThat(node.getStatus().getConditions())
                    .filteredOn(c -> "Ready".equals(c.getType()))
                    .singleElement()
                    .extracting("status")
                    .isEqualTo("True");
                // The not-ready taint the API server puts on a new node is gone once it is Ready.
                List<Taint> taints = node.getSpec().getTaints();
                assertThat(taints == null ? List.<Taint>of() : taints).isEmpty();
              }
            });
    assertThat(lease(name).getSpec().getHolderIdentity()).isEqualTo(name);
  }

  private static ContainerStatus awaitCrashLoop(String app) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(pods(app))
                    .singleElement()
                    .satisfies(
                        pod -> {
                          assertThat(pod.getStatus().getContainerStatuses()).hasSize(1);
                          ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
                          assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
                          assertThat(status.getState().getWaiting()).isNotNull();
                          assertThat(status.getState().getWaiting().getReason())
                              .isEqualTo("CrashLoopBackOff");
                          assertThat(status.getLastState().getTerminated()).isNotNull();
                        }));
    return pods(app).get(0).getStatus().getContainerStatuses().get(0);
  }

  private static Lease lease(String node) {
    return client.leases().inNamespace("kube-node-lease").withName(node).get();
  }

  private static void create(Deployment deployment) {
    client.apps().deployments().inNamespace(NS).resource(deployment).create();
  }

  private static List<Pod> pods(String app) {
    return client.pods().inNamespace(NS).withLabel("app", app).list().getItems();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Deployment bridgeDeployment(String app, int replicas) {
    return new DeploymentBuilder(deployment(app, replicas))
        .editSpec()
        .editTemplate()
        .editSpec()
        .withContainers(
            new ContainerBuilder()
                .withName(BridgeContainer.NAME)
                .withImage(GOOD)
                .addNewPort()
                .withName(BridgeContainer.PORT_NAME)
                .withContainerPort(BridgeContainer.DEFAULT_PORT)
                .endPort()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath("/etc/websocket-bridge")
                .endVolumeMount()
                .build())
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName("bridge-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Deployment crashingDeployment(String app, String terminationMessagePolicy) {
    return new DeploymentBuilder(deployment(app, 1))
        .editSpec()
        .editTemplate()
        .editSpec()
        .withContainers(
            new ContainerBuilder()
                .withName("app")
                .withImage(CRASHING)
                .withTerminationMessagePolicy(terminationMessagePolicy)
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Deployment deployment(String app, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(app)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", app)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(30L)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static HttpResponse<String> configEndpoint(String podIp) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + podIp
                        + ":"
                        + BridgeContainer.DEFAULT_PORT
                        + BridgeContainer.DEFAULT_CONFIGURED_PATH))
            .timeout(Duration.ofSeconds(2))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
