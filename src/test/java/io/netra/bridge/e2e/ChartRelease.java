package io.netra.bridge.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.netra.bridge.install.InstallFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Helm chart installed into the cluster with helm-java, and the credentials of its
 * ServiceAccount: the operator of the end-to-end tier runs with exactly what the chart grants, so a
 * missing permission is a real 403 and not hidden by an admin identity.
 *
 * <p>The chart's own Deployment runs no pods ({@code replicas=0}): nodes here are simulated, and
 * the operator runs beside the tests with the ServiceAccount's token instead.
 */
final class ChartRelease {
  private final E2ECluster cluster;
  final String name;
  final String namespace;

  private ChartRelease(E2ECluster cluster, String name, String namespace) {
    this.cluster = cluster;
    this.name = name;
    this.namespace = namespace;
  }

  /**
   * {@code helm install NAME helm/websocket-bridge-operator -n NAME --create-namespace --set …}.
   */
  static ChartRelease install(E2ECluster cluster, String name, Map<String, String> values) {
    var install =
        new Helm(InstallFiles.CHART)
            .install()
            .withName(name)
            .withNamespace(name)
            .createNamespace()
            .withKubeConfig(cluster.kubeconfig)
            .set("replicas", "0")
            .set("leaderElection.enabled", "true");
    values.forEach(install::set);
    install.call();
    return new ChartRelease(cluster, name, name);
  }

  /** The ServiceAccount's name: the release's full name, as the chart derives it. */
  String serviceAccount() {
    return name.contains("websocket-bridge-operator") ? name : name + "-websocket-bridge-operator";
  }

  /** A client configuration that authenticates as the chart's ServiceAccount (TokenRequest API). */
  Config serviceAccountConfig() {
    TokenRequest request =
        cluster
            .admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount())
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(7200L)
                    .endSpec()
                    .build());
    Config admin = cluster.admin.getConfiguration();
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(admin.getMasterUrl())
        .withCaCertData(admin.getCaCertData())
        .withCaCertFile(admin.getCaCertFile())
        .withOauthToken(request.getStatus().getToken())
        .withRequestTimeout(30_000)
        .build();
  }

  /** The same credentials as a kubeconfig file, for an operator started as its own process. */
  Path serviceAccountKubeconfig(Path directory) {
    Config config = serviceAccountConfig();
    String ca =
        config.getCaCertData() != null
            ? config.getCaCertData()
            : java.util.Base64.getEncoder()
                .encodeToString(readBytes(Path.of(config.getCaCertFile())));
    String kubeconfig =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: e2e",
            "  cluster:",
            "    server: " + config.getMasterUrl(),
            "    certificate-authority-data: " + ca,
            "users:",
            "- name: " + serviceAccount(),
            "  user:",
            "    token: " + config.getOauthToken(),
            "contexts:",
            "- name: e2e",
            "  context: {cluster: e2e, user: " + serviceAccount() + "}",
            "current-context: e2e",
            "");
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(name + ".kubeconfig");
      Files.writeString(file, kubeconfig);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void uninstall() {
    Helm.uninstall(name).withNamespace(namespace).withKubeConfig(cluster.kubeconfig).call();
    cluster.admin.namespaces().withName(namespace).delete();
  }

  private static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
