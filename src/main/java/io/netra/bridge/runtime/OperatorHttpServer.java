package io.netra.bridge.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The probe and metrics endpoints: {@code /healthz} (the process answers), {@code /readyz}
 * (informers synced; leader, standby or single) and {@code /metrics} (Prometheus text format).
 */
public final class OperatorHttpServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private OperatorHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param port the port on all interfaces; 0 picks a free one (see {@link #port()})
   */
  public static OperatorHttpServer start(
      int port, Supplier<Readiness> readiness, PrometheusMeterRegistry metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          Readiness r = readiness.get();
          String body =
              r.ready()
                  ? "ready: " + r.role() + "\n"
                  : "not ready: " + r.detail() + " (" + r.role() + ")\n";
          answer(exchange, r.ready() ? 200 : 503, "text/plain", body);
        });
    server.createContext(
        "/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
    server.createContext(
        "/", exchange -> answer(exchange, 404, "text/plain", "try /healthz, /readyz, /metrics\n"));
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "http-probes");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new OperatorHttpServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
