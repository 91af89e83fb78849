package io.netra.bridge.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netra.bridge.health.ConfigCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Asks a bridge pod whether it applied its configuration: {@code GET
 * http://<podIP>:<port><configuredPath>} answering {@code {"configured": true, "configHash":
 * ".."}}.
 */
class ConfigEndpointClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;
  private final HttpClient http;
  private final Duration timeout;

  ConfigEndpointClient(Executor executor, Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  CompletableFuture<ConfigCheck> check(String podIp, int port, String path, String expectedHash) {
    URI uri;
    try {
      String host = podIp.contains(":") ? "[" + podIp + "]" : podIp;
      uri = URI.create("http://" + host + ":" + port + path);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new ConfigCheck(ConfigCheck.State.UNREACHABLE, null));
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> interpret(response.statusCode(), response.body(), expectedHash))
        .exceptionally(e -> new ConfigCheck(ConfigCheck.State.UNREACHABLE, null));
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
