package io.netra.bridge.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netra.bridge.install.InstallFiles;
import io.netra.bridge.simulation.SimulatedNodes;
import io.netra.bridge.simulation.SimulatedRegistry;
import io.netra.bridge.simulation.SimulationSettings;
import io.netra.bridge.testing.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * The cluster the end-to-end tier runs against: the one {@code KUBECONFIG} names (the local control
 * plane of {@code e2e/control-plane} in CI; kind or a staging cluster work too). Once per test run
 * it starts the simulated nodes, applies the CRD server-side and installs the chart; everything a
 * test creates lives in namespaces named after this run, deleted when the run ends.
 */
final class E2ECluster {
  private static final String RUN_LABEL = "bridge.netra.io/e2e-run";
  private static E2ECluster instance;

  final Path kubeconfig;
  final KubernetesClient admin;
  final Kubectl kubectl;
  final SimulatedRegistry registry = new SimulatedRegistry();
  final SimulatedNodes nodes;
  final String runId = UUID.randomUUID().toString().substring(0, 6);
  private final AtomicInteger namespaces = new AtomicInteger();
  private ChartRelease clusterRelease;

  private E2ECluster(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
    Config config = Config.fromKubeconfig(null, readKubeconfig(kubeconfig), kubeconfig.toString());
    this.admin = new KubernetesClientBuilder().withConfig(config).build();
    this.kubectl = new Kubectl(kubeconfig);
    Awaitility.await("the API server at " + config.getMasterUrl())
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> admin.getKubernetesVersion() != null);
    this.nodes =
        SimulatedNodes.start(
            admin,
            registry,
            SimulationSettings.defaults().withStep(Duration.ofMillis(50)),
            List.of("wsb-e2e-" + runId + "-0", "wsb-e2e-" + runId + "-1"),
            SimulatedNodes.OnClose.DELETE_NODES);
    Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "e2e-clean-up"));
  }

  /** The cluster of this run, set up on first use. */
  static synchronized E2ECluster get() {
    if (instance == null) {
      instance = new E2ECluster(kubeconfigPath());
      instance.applyCrd();
    }
    return instance;
  }

  private static Path kubeconfigPath() {
    String env = System.getenv("KUBECONFIG");
    if (env == null || env.isBlank()) {
      throw new IllegalStateException(
          "the end-to-end tier needs a cluster: set KUBECONFIG (e2e/control-plane up writes"
              + " .e2e/kubeconfig)");
    }
    Path path = Path.of(env.split(java.io.File.pathSeparator)[0]).toAbsolutePath();
    if (!Files.isReadable(path)) {
      throw new IllegalStateException("KUBECONFIG " + path + " cannot be read");
    }
    return path;
  }

  private static String readKubeconfig(Path path) {
    try {
      return Files.readString(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Applies the CRD the way the README says: {@code kubectl apply --server-side}. */
  private void applyCrd() {
    kubectl.ok(
        "apply",
        "--server-side",
        "--force-conflicts",
        "--field-manager=e2e",
        "-f",
        InstallFiles.CRD.toString());
    kubectl.ok(
        "wait",
        "--for=condition=Established",
        "--timeout=60s",
        "crd/websocketbridges.bridge.netra.io");
  }

  /** The chart installed in cluster mode (all namespaces), once per run. */
  synchronized ChartRelease clusterRelease() {
    if (clusterRelease == null) {
      clusterRelease = ChartRelease.install(this, "wsb-" + runId, Map.of());
    }
    return clusterRelease;
  }

  /** A new namespace of this run, with {@code labels}. */
  String newNamespace(String purpose, Map<String, String> labels) {
    String name = "e2e-" + runId + "-" + purpose + "-" + namespaces.incrementAndGet();
    createNamespace(name, labels);
    // The controller manager puts the default ServiceAccount there; pods are refused before that.
    Awaitility.await("ServiceAccount default in " + name)
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /** Creates {@code name} (as a namespace of this run) unless it exists. */
  void ensureNamespace(String name) {
    if (admin.namespaces().withName(name).get() == null) {
      createNamespace(name, Map.of());
    }
  }

  /** Creates a namespace labelled as this run's, so that the clean-up finds it. */
  private void createNamespace(String name, Map<String, String> labels) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .addToLabels(RUN_LABEL, runId)
                .endMetadata()
                .build())
        .create();
  }

  private void cleanUp() {
    try {
      if (clusterRelease != null) {
        clusterRelease.uninstall();
      }
      admin.namespaces().withLabel(RUN_LABEL, runId).delete();
    } catch (RuntimeException e) {
      System.err.println("e2e clean-up: " + e.getMessage());
    } finally {
      nodes.close();
      admin.close();
    }
  }
}
