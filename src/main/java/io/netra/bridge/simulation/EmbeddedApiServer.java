package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;

/** A Fabric8 mock API server in CRUD mode, listening on 127.0.0.1 on a random port. */
public final class EmbeddedApiServer implements AutoCloseable {

  private final KubernetesMockServer server;

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
  }

  public static EmbeddedApiServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return new EmbeddedApiServer(server);
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
  }

  @Override
  public void close() {
    server.destroy();
  }
}
