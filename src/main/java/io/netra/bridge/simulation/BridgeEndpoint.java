package io.netra.bridge.simulation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The HTTP endpoints of one simulated bridge process, bound to its pod's IP and port: the
 * configured path, and the readiness and liveness paths of {@link ServedProbe}. The simulation
 * thread sets the answers; the shared executor serves requests.
 */
final class BridgeEndpoint {

  private final HttpServer server;
  private final String path;
  private volatile EndpointAnswer answer = EndpointAnswer.NOT_CONFIGURED;
  private volatile boolean ready;

  private BridgeEndpoint(HttpServer server, String path) {
    this.server = server;
    this.path = path;
  }

  static BridgeEndpoint bind(String ip, int port, String path, Executor executor)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 16);
    BridgeEndpoint endpoint = new BridgeEndpoint(server, path);
    server.createContext("/", endpoint::handle);
    server.setExecutor(executor);
    server.start();
    return endpoint;
  }

  void answer(EndpointAnswer answer, boolean ready) {
    this.answer = answer;
    this.ready = ready;
  }

  void stop() {
    server.stop(0);
  }

  private EndpointAnswer answerFor(String requested) {
    if (path.equals(requested)) {
      return answer;
    }
    if (ServedProbe.READINESS_PATH.equals(requested)) {
      return ready ? EndpointAnswer.READY : EndpointAnswer.NOT_READY;
    }
    if (ServedProbe.LIVENESS_PATH.equals(requested)) {
      return EndpointAnswer.ALIVE;
    }
    return EndpointAnswer.NOT_FOUND;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      EndpointAnswer current = answerFor(exchange.getRequestURI().getPath());
      int status = current.status();
      byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if ("close".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Connection"))) {
        // As HTTP/1.1 servers do (RFC 9112, 9.6); the JDK's server closes but does not say so.
        exchange.getResponseHeaders().set("Connection", "close");
      }
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
