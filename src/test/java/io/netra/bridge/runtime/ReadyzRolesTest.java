package io.netra.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.netra.bridge.simulation.EmbeddedApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code /readyz} answers on the leader and on a standby replica. */
class ReadyzRolesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static RunSettings settings(String identity) {
    RunSettings.Lease lease =
        new RunSettings.Lease(
            "websocket-bridge-operator",
            "ops",
            identity,
            Duration.ofSeconds(20),
            Duration.ofSeconds(15),
            Duration.ofMillis(200));
    return new RunSettings(Set.of(), Optional.of(0), Optional.of(lease), 1);
  }

  @Test
  void theLeaderAndTheStandbySayWhichTheyAre() throws Exception {
    try (EmbeddedApiServer api = EmbeddedApiServer.start()) {
      api.applyCrd(BridgeCrd.load());
      api.client()
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName("ops").endMetadata().build())
          .create();
      try (OperatorProcess first =
          OperatorProcess.start(api.client(), settings("first"), () -> {})) {
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        try (OperatorProcess second =
            OperatorProcess.start(api.client(), settings("second"), () -> {})) {
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> readyz(first).statusCode() == 200 && readyz(second).statusCode() == 200);

          assertThat(readyz(first).body()).isEqualTo("ready: leader\n");
          assertThat(readyz(second).body()).isEqualTo("ready: standby\n");
        }
      }
    }
  }

  private static HttpResponse<String> readyz(OperatorProcess process) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.httpPort() + "/readyz"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
