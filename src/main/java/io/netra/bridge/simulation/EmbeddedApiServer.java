package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;

/**
 * A Fabric8 mock API server in CRUD mode, listening on 127.0.0.1 on a random port, with discovery
 * in front so that kubectl can talk to it.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final DiscoveryDispatcher dispatcher;

  private EmbeddedApiServer(KubernetesMockServer server, DiscoveryDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  public static EmbeddedApiServer start() {
    DiscoveryDispatcher dispatcher =
        new DiscoveryDispatcher(new KubernetesCrudDispatcher(), Clock.systemUTC());
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    EmbeddedApiServer api = new EmbeddedApiServer(server, dispatcher);
    dispatcher.serverAddress(
        () -> {
          URI uri = URI.create(api.url());
          return uri.getHost() + ":" + uri.getPort();
        });
    return api;
  }

  /** A new client; the caller closes it. */
  public KubernetesClient client() {
    return server.createClient();
  }

  public String url() {
    return server.url("/");
  }

  public void applyCrd(CustomResourceDefinition crd) {
    try (KubernetesClient client = client()) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
    dispatcher.register(crd);
  }

  /**
   * Writes a kubeconfig whose current context points at this server (plain HTTP, no credentials),
   * with {@code namespace} as the default namespace.
   */
  public Path writeKubeconfig(Path file, String namespace) {
    String server = url().replaceAll("/$", "");
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: embedded\n"
            + "  cluster:\n"
            + "    server: "
            + server
            + "\n"
            + "contexts:\n"
            + "- name: embedded\n"
            + "  context:\n"
            + "    cluster: embedded\n"
            + "    user: embedded\n"
            + "    namespace: "
            + namespace
            + "\n"
            + "current-context: embedded\n"
            + "users:\n"
            + "- name: embedded\n"
            + "  user:\n"
            + "    token: embedded\n";
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
