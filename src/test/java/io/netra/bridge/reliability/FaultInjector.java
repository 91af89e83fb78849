package io.netra.bridge.reliability;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP interceptor on the operator's client that records every request it sends and injects
 * faults into chosen ones: an error answer (500, 503, 429 with Retry-After, 409) from a small fault
 * server, a delay, an action run just before the request leaves (someone else writes first), or a
 * crash (from then on nothing the operator sends reaches the API, as if its process died).
 */
final class FaultInjector implements Interceptor, AutoCloseable {

  /** One request as the operator sent it. */
  record Call(String method, String path, String query, long atNanos, String body) {
    boolean isWrite() {
      return !method.equals("GET");
    }

    boolean isWatch() {
      return query != null && query.contains("watch=true");
    }

    /** The resource type, e.g. "deployments", "websocketbridges/status", "events". */
    String resource() {
      String[] parts = path.split("/");
      int namespaces = List.of(parts).indexOf("namespaces");
      if (namespaces >= 0 && parts.length > namespaces + 2) {
        String type = parts[namespaces + 2];
        return parts.length > namespaces + 4 ? type + "/" + parts[namespaces + 4] : type;
      }
      return parts[parts.length - 1];
    }

    boolean is(String method, String resource) {
      return this.method.equals(method) && resource().equals(resource);
    }

    String namespace() {
      String[] parts = path.split("/");
      int namespaces = List.of(parts).indexOf("namespaces");
      return namespaces >= 0 && parts.length > namespaces + 1 ? parts[namespaces + 1] : null;
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  private record Rule(Predicate<Call> match, AtomicInteger remaining, Fault fault) {}

  /** What happens to a matching request. */
  interface Fault {
    /** Returns the URI to send the request to instead, or null to send it as it is. */
    URI apply(Call call, FaultInjector injector);
  }

  private final ServerSocket server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();
  private final List<Answer> answers = new CopyOnWriteArrayList<>();

  /** The API server's answer to one request the operator sent. */
  record Answer(Call call, int code) {}

  private volatile Predicate<Call> crashAt;
  private volatile boolean dead;

  FaultInjector() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Thread thread = new Thread(this::serveFaults, "fault-server");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Answers {@code /fault/<code>[/<retry-after>]} with a Kubernetes Status. A raw socket rather
   * than the JDK's HttpServer, which would spell the header "Retry-after".
   */
  private void serveFaults() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        int length = 0;
        String webSocketKey = null;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          String lower = line.toLowerCase(java.util.Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          } else if (lower.startsWith("sec-websocket-key:")) {
            webSocketKey = line.substring(18).trim();
          }
        }
        in.skip(length);
        if (requestLine.contains("/gone") && webSocketKey != null) {
          answerWatchWithGone(socket.getOutputStream(), webSocketKey);
          continue;
        }
        String[] parts = requestLine.split(" ")[1].split("/");
        int code = Integer.parseInt(parts[2]);
        String retryAfter = parts.length > 3 ? parts[3] : null;
        byte[] body =
            ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                    + code
                    + ",\"reason\":\"InjectedFault\",\"message\":\"injected fault "
                    + code
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String head =
            "HTTP/1.1 "
                + code
                + " Injected\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n"
                + (retryAfter == null ? "" : "Retry-After: " + retryAfter + "\r\n")
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      } catch (IOException | RuntimeException e) {
        // a client that went away, or the server closing
      }
    }
  }

  /**
   * Answers the next {@code times} matching watches the way a real API server does when the
   * resourceVersion it was asked to resume from is too old: the watch opens, its first event is an
   * ERROR with a 410 Gone Status, and the client must list again.
   */
  FaultInjector expiring(Predicate<Call> watch, int times) {
    return add(
        watch,
        times,
        (call, injector) ->
            URI.create("http://127.0.0.1:" + injector.server.getLocalPort() + "/gone"));
  }

  private static void answerWatchWithGone(OutputStream out, String key) throws IOException {
    String accept;
    try {
      accept =
          java.util.Base64.getEncoder()
              .encodeToString(
                  java.security.MessageDigest.getInstance("SHA-1")
                      .digest(
                          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.ISO_8859_1)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    byte[] event =
        ("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"code\":410,\"reason\":\"Expired\","
                + "\"message\":\"too old resource version\"}}")
            .getBytes(StandardCharsets.UTF_8);
    out.write(0x81); // FIN, text frame, unmasked (server to client)
    if (event.length < 126) {
      out.write(event.length);
    } else {
      out.write(126);
      out.write(event.length >> 8);
      out.write(event.length & 0xff);
    }
    out.write(event);
    out.write(new byte[] {(byte) 0x88, 0}); // close
    out.flush();
    sleep(200);
  }

  /** Answers the next {@code times} matching requests with {@code code} instead of sending them. */
  FaultInjector failing(Predicate<Call> match, int times, int code) {
    return add(match, times, (call, injector) -> injector.faultUri(code, null));
  }

  /** Answers the next {@code times} matching requests with 429 and a Retry-After header. */
  FaultInjector throttling(Predicate<Call> match, int times, int retryAfterSeconds) {
    return add(match, times, (call, injector) -> injector.faultUri(429, retryAfterSeconds));
  }

  /** Holds the next {@code times} matching requests for {@code millis} before sending them. */
  FaultInjector delaying(Predicate<Call> match, int times, long millis) {
    return add(
        match,
        times,
        (call, injector) -> {
          sleep(millis);
          return null;
        });
  }

  /** Runs {@code action} just before the next {@code times} matching requests leave. */
  FaultInjector before(Predicate<Call> match, int times, Runnable action) {
    return add(
        match,
        times,
        (call, injector) -> {
          action.run();
          return null;
        });
  }

  /**
   * The operator "dies" at the first request matching {@code match}: that request and every later
   * one never reach the API server.
   */
  void crashAt(Predicate<Call> match) {
    this.crashAt = match;
  }

  boolean crashed() {
    return dead;
  }

  private FaultInjector add(Predicate<Call> match, int times, Fault fault) {
    rules.add(new Rule(match, new AtomicInteger(times), fault));
    return this;
  }

  /** Every request the operator sent (faulted ones included), in order. */
  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  List<Call> writes() {
    return calls().stream().filter(Call::isWrite).toList();
  }

  /** The requests the API server (not the fault server) answered with {@code code}. */
  List<Call> answeredWith(int code) {
    return answers.stream().filter(a -> a.code() == code).map(Answer::call).toList();
  }

  @Override
  public void after(
      HttpRequest request,
      io.fabric8.kubernetes.client.http.HttpResponse<?> response,
      io.fabric8.kubernetes.client.http.AsyncBody.Consumer<List<java.nio.ByteBuffer>> consumer) {
    URI uri = request.uri();
    if (uri.getRawPath().startsWith("/fault/")) {
      return;
    }
    answers.add(
        new Answer(
            new Call(request.method(), uri.getRawPath(), uri.getRawQuery(), System.nanoTime(), ""),
            response.code()));
  }

  int injected() {
    return injected.get();
  }

  void clearRules() {
    rules.clear();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    URI uri = request.uri();
    Call call =
        new Call(
            request.method(),
            uri.getRawPath(),
            uri.getRawQuery(),
            System.nanoTime(),
            request.bodyString() == null ? "" : request.bodyString());
    Predicate<Call> crash = crashAt;
    if (!dead && crash != null && crash.test(call)) {
      dead = true;
    }
    if (dead) {
      builder.uri(faultUri(503, null));
      return;
    }
    calls.add(call);
    for (Rule rule : rules) {
      if (rule.match().test(call) && rule.remaining().getAndDecrement() > 0) {
        URI redirect = rule.fault().apply(call, this);
        if (redirect != null) {
          injected.incrementAndGet();
          builder.uri(redirect);
          return;
        }
      }
    }
  }

  private URI faultUri(int code, Integer retryAfterSeconds) {
    return URI.create(
        "http://127.0.0.1:"
            + server.getLocalPort()
            + "/fault/"
            + code
            + (retryAfterSeconds == null ? "" : "/" + retryAfterSeconds));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
