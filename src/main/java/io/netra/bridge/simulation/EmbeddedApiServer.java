package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Fabric8 mock API server in CRUD mode, listening on 127.0.0.1 on a random port, with discovery
 * in front so that kubectl can talk to it.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /**
   * The mock web server records every request it receives, body included, for tests that take them
   * back; nothing here does, so the record is dropped this often to keep long runs flat.
   */
  private static final Duration REQUEST_RECORD_KEPT = Duration.ofSeconds(2);

  private final KubernetesMockServer server;
  private final DiscoveryDispatcher dispatcher;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "embedded-api-housekeeping");
            thread.setDaemon(true);
            return thread;
          });

  private EmbeddedApiServer(
      KubernetesMockServer server, MockWebServer web, DiscoveryDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    long period = REQUEST_RECORD_KEPT.toMillis();
    housekeeping.scheduleWithFixedDelay(web::reset, period, period, TimeUnit.MILLISECONDS);
  }

  public static EmbeddedApiServer start() {
    DiscoveryDispatcher dispatcher =
        new DiscoveryDispatcher(new IndexedCrudDispatcher(), Clock.systemUTC());
    MockWebServer web = new MockWebServer();
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), web, new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    EmbeddedApiServer api = new EmbeddedApiServer(server, web, dispatcher);
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
    housekeeping.shutdownNow();
    server.destroy();
  }
}
