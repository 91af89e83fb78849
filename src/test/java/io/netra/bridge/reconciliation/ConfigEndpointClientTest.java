package io.netra.bridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netra.bridge.health.ConfigCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigEndpointClientTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ConfigEndpointClient client =
      new ConfigEndpointClient(executor, Duration.ofSeconds(2));
  private final List<String> connectionHeaders = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{\"configured\": true, \"configHash\": \"abc\"}";

  @BeforeEach
  void startPod() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/configured",
        exchange -> {
          connectionHeaders.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Connection")));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private ConfigCheck check(String expectedHash) {
    return client
        .check("127.0.0.1", server.getAddress().getPort(), "/configured", expectedHash)
        .join();
  }

  @Test
  void aPodOnTheExpectedHashIsConfigured() {
    assertThat(check("abc")).isEqualTo(new ConfigCheck(ConfigCheck.State.CONFIGURED, "abc"));
  }

  @Test
  void aPodOnAnotherHashIsStale() {
    assertThat(check("def")).isEqualTo(new ConfigCheck(ConfigCheck.State.STALE, "abc"));
  }

  @Test
  void eachCheckAsksForItsConnectionToBeClosed() {
    check("abc");
    check("abc");
    assertThat(connectionHeaders).containsExactly("close", "close");
  }

  @Test
  void anErrorStatusIsNotConfigured() {
    status = 503;
    body = "{\"configured\": true, \"configHash\": \"abc\"}";
    assertThat(check("abc").state()).isEqualTo(ConfigCheck.State.NOT_CONFIGURED);
  }

  @Test
  void anOversizedAnswerIsNotConfigured() {
    body = "{\"configured\": true, \"configHash\": \"abc\", \"x\": \"" + "a".repeat(70_000) + "\"}";
    assertThat(check("abc").state()).isEqualTo(ConfigCheck.State.NOT_CONFIGURED);
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ConfigCheck result = client.check("127.0.0.1", closed, "/configured", "abc").join();
    assertThat(result.state()).isEqualTo(ConfigCheck.State.UNREACHABLE);
  }

  @Test
  void anAddressThatIsNoAddressIsUnreachable() {
    ConfigCheck result = client.check("not an ip", 8080, "/configured", "abc").join();
    assertThat(result.state()).isEqualTo(ConfigCheck.State.UNREACHABLE);
  }
}
