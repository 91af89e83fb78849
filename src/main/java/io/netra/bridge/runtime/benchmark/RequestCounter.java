package io.netra.bridge.runtime.benchmark;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests one Kubernetes client sends, by method, as a client interceptor: the operator
 * gets a client of its own, so what is counted here is exactly what it asked the API for.
 */
final class RequestCounter implements Interceptor {
  private static final int KEPT_WRITES = 50;

  private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
  private final java.util.Queue<Traced> trace = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean tracing;

  /** One request sent while tracing: when ({@link System#nanoTime()}), method and path. */
  record Traced(long nanos, String method, String path) {}

  private final java.util.Queue<String> writeLog =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String method = request.method();
    if ("GET".equals(method)
        && request.uri().getQuery() != null
        && request.uri().getQuery().contains("watch=true")) {
      method = "WATCH";
    }
    byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
    if (tracing) {
      trace.add(new Traced(System.nanoTime(), method, request.uri().getPath()));
    }
    if (!method.equals("GET") && !method.equals("WATCH") && writeLog.size() < KEPT_WRITES) {
      writeLog.add(method + " " + request.uri().getPath());
    }
  }

  /** The first writes (method and path) since the last clear: which objects were written. */
  java.util.List<String> writeLog() {
    return java.util.List.copyOf(writeLog);
  }

  /** Starts recording every request (and forgets an earlier recording). */
  void startTrace() {
    trace.clear();
    tracing = true;
  }

  java.util.List<Traced> stopTrace() {
    tracing = false;
    return java.util.List.copyOf(trace);
  }

  void clearWriteLog() {
    writeLog.clear();
  }

  /** Counts so far, by method (GET, WATCH, POST, PUT, PATCH, DELETE). */
  Map<String, Long> snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    byMethod.forEach((method, count) -> counts.put(method, count.sum()));
    return counts;
  }

  static long writes(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().equals("GET") && !e.getKey().equals("WATCH"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((method, count) -> delta.put(method, count - before.getOrDefault(method, 0L)));
    return delta;
  }
}
