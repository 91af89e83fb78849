package io.netra.bridge.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netra.bridge.health.ConfigCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Asks a bridge pod whether it applied its configuration: {@code GET
 * http://<podIP>:<port><configuredPath>} answering {@code {"configured": true, "configHash":
 * ".."}}.
 *
 * <p>Each check is one short connection, closed after the answer ({@code Connection: close}), as
 * the kubelet's HTTP probes do: a pod is asked once or a few times in its life, so a pool of idle
 * keep-alive connections (the JDK client keeps them 20 minutes) would only hold two sockets and
 * their buffers per pod, which at 1000 bridges was most of the operator's heap. Checks block one of
 * a few threads for at most the connect and read timeouts.
 */
class ConfigEndpointClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;
  private final Executor executor;
  private final int timeoutMillis;

  ConfigEndpointClient(Executor executor, Duration timeout) {
    this.executor = executor;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  CompletableFuture<ConfigCheck> check(String podIp, int port, String path, String expectedHash) {
    URL url;
    try {
      String host = podIp.contains(":") ? "[" + podIp + "]" : podIp;
      url = URI.create("http://" + host + ":" + port + path).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      return CompletableFuture.completedFuture(
          new ConfigCheck(ConfigCheck.State.UNREACHABLE, null));
    }
    return CompletableFuture.supplyAsync(() -> fetch(url, expectedHash), executor)
        .exceptionally(e -> new ConfigCheck(ConfigCheck.State.UNREACHABLE, null));
  }

  private ConfigCheck fetch(URL url, String expectedHash) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("Accept", "application/json");
      int status = connection.getResponseCode();
      InputStream body =
          status >= HttpURLConnection.HTTP_BAD_REQUEST
              ? connection.getErrorStream()
              : connection.getInputStream();
      return interpret(status, read(body), expectedHash);
    } catch (IOException e) {
      return new ConfigCheck(ConfigCheck.State.UNREACHABLE, null);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** The body, or a body one byte over the limit (which {@link #interpret} refuses). */
  private static String read(InputStream body) throws IOException {
    if (body == null) {
      return null;
    }
    try (InputStream in = body) {
      return new String(in.readNBytes(MAX_BODY + 1), StandardCharsets.UTF_8);
    }
  }

  static ConfigCheck interpret(int status, String body, String expectedHash) {
    if (status != 200 || body == null || body.length() > MAX_BODY) {
      return new ConfigCheck(ConfigCheck.State.NOT_CONFIGURED, null);
    }
    try {
      JsonNode json = JSON.readTree(body);
      boolean configured = json.path("configured").asBoolean(false);
      String hash = json.path("configHash").isTextual() ? json.get("configHash").asText() : null;
      if (!configured) {
        return new ConfigCheck(ConfigCheck.State.NOT_CONFIGURED, hash);
      }
      return expectedHash != null && expectedHash.equals(hash)
          ? new ConfigCheck(ConfigCheck.State.CONFIGURED, hash)
          : new ConfigCheck(ConfigCheck.State.STALE, hash);
    } catch (java.io.IOException e) {
      return new ConfigCheck(ConfigCheck.State.NOT_CONFIGURED, null);
    }
  }
}
