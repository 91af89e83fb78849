package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the mock server's CRUD dispatcher: answers what a real API server answers and the
 * CRUD dispatcher does not (discovery, server-side tables for custom resources, access reviews), so
 * that kubectl and leader election work against the embedded API. Everything else is handed on.
 */
final class DiscoveryDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryDispatcher.class);
  private static final Pattern GROUP_VERSION = Pattern.compile("^/apis/([^/]+)/([^/]+)/?$");
  private static final Pattern GROUP = Pattern.compile("^/apis/([^/]+)/?$");
  private static final Pattern RESOURCE =
      Pattern.compile("^/apis/([^/]+)/([^/]+)/(?:namespaces/[^/]+/)?([^/]+)(?:/[^/]+)?/?$");
  private static final Pattern EVENTS = Pattern.compile("^/api/v1/(namespaces/[^/]+/)?events$");
  private static final String RULES_REVIEW =
      "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final Dispatcher crud;
  private final DiscoveryDocuments documents = new DiscoveryDocuments();
  private final Clock clock;
  private volatile Supplier<String> serverAddress = () -> "127.0.0.1:443";

  DiscoveryDispatcher(Dispatcher crud, Clock clock) {
    this.crud = crud;
    this.clock = clock;
  }

  void serverAddress(Supplier<String> address) {
    this.serverAddress = address;
  }

  void register(CustomResourceDefinition crd) {
    documents.register(ApiResourceKind.of(crd));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String full = request.getPath() == null ? "/" : request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    String method = request.getMethod();
    if ("GET".equals(method)) {
      Optional<MockResponse> discovery = discovery(path);
      if (discovery.isPresent()) {
        return discovery.get();
      }
      if (EVENTS.matcher(path).matches() && query.contains("fieldSelector=")) {
        return events(request, path, query);
      }
      String accept = request.getHeader("Accept");
      if (accept != null && accept.contains("as=Table") && !query.contains("watch=true")) {
        Optional<MockResponse> table = table(request, path, query);
        if (table.isPresent()) {
          return table.get();
        }
      }
    }
    if ("POST".equals(method) && path.equals(RULES_REVIEW)) {
      return json(200, rulesReview(request.getUtf8Body()));
    }
    MockResponse response = crud.dispatch(request);
    if ("POST".equals(method)
        && path.equals("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
        && response.code() == 201) {
      try {
        register(
            io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                request.getUtf8Body(), CustomResourceDefinition.class));
      } catch (RuntimeException e) {
        LOG.debug("could not read a created CRD for discovery", e);
      }
    }
    return response;
  }

  private Optional<MockResponse> discovery(String path) {
    if (path.startsWith("/openapi/") || path.equals("/openapi") || path.startsWith("/swagger")) {
      return Optional.of(json(404, notFound(path)));
    }
    switch (path) {
      case "/version":
      case "/version/":
        return Optional.of(json(200, documents.version()));
      case "/api":
      case "/api/":
        return Optional.of(json(200, documents.coreVersions(serverAddress.get())));
      case "/api/v1":
      case "/api/v1/":
        return documents.resources("", "v1").map(body -> json(200, body));
      case "/apis":
      case "/apis/":
        return Optional.of(json(200, documents.groups()));
      default:
        break;
    }
    Matcher gv = GROUP_VERSION.matcher(path);
    if (gv.matches()) {
      return Optional.of(
          documents
              .resources(gv.group(1), gv.group(2))
              .map(body -> json(200, body))
              .orElseGet(() -> json(404, notFound(path))));
    }
    Matcher g = GROUP.matcher(path);
    if (g.matches()) {
      return Optional.of(
          documents
              .group(g.group(1))
              .map(body -> json(200, body))
              .orElseGet(() -> json(404, notFound(path))));
    }
    return Optional.empty();
  }

  private Optional<MockResponse> table(RecordedRequest request, String path, String query) {
    Matcher m = RESOURCE.matcher(path);
    if (!m.matches() || "namespaces".equals(m.group(3))) {
      return Optional.empty();
    }
    Optional<ApiResourceKind> kind = documents.find(m.group(1), m.group(2), m.group(3));
    if (kind.isEmpty() || kind.get().columns().isEmpty()) {
      return Optional.empty();
    }
    MockResponse response = crud.dispatch(request);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.of(response);
    }
    try {
      String body = response.getBody().readUtf8();
      return Optional.of(
          json(
              200,
              ServerSideTable.convert(
                  body,
                  kind.get().columns(),
                  QueryParameters.value(query, "includeObject"),
                  clock.instant())));
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not render a table for {}", path, e);
      return Optional.of(json(500, notFound(path)));
    }
  }

  /**
   * The CRUD dispatcher ignores field selectors on events; kubectl describe finds an object's
   * events with one ({@code involvedObject.name=...,involvedObject.uid=...}).
   */
  private MockResponse events(RecordedRequest request, String path, String query) {
    String selector = QueryParameters.value(query, "fieldSelector");
    String rest =
        java.util.Arrays.stream(query.split("&"))
            .filter(p -> !p.startsWith("fieldSelector="))
            .collect(java.util.stream.Collectors.joining("&"));
    RecordedRequest all =
        new RecordedRequest(
            request.getHttpVersion(),
            request.method(),
            rest.isEmpty() ? path : path + "?" + rest,
            request.getHeaders(),
            request.getBody());
    MockResponse response = crud.dispatch(all);
    if (response.code() != 200 || response.getBody() == null || selector == null) {
      return response;
    }
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var list =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              mapper.readTree(response.getBody().readUtf8());
      var kept = mapper.createArrayNode();
      for (var item : list.path("items")) {
        boolean matches = true;
        for (String term : selector.split(",")) {
          int eq = term.indexOf('=');
          if (eq <= 0) {
            continue;
          }
          String key = term.substring(0, eq).replace("==", "");
          String want = term.substring(eq + 1).replaceFirst("^=", "");
          var node = item;
          for (String part : key.split("\\.")) {
            node = node.path(part);
          }
          if (!node.asText("").equals(want)) {
            matches = false;
          }
        }
        if (matches) {
          kept.add(item);
        }
      }
      list.set("items", kept);
      // Typed clients (kubectl describe) decode the list as an EventList.
      list.put("kind", "EventList");
      return json(200, mapper.writeValueAsString(list));
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not filter events by {}", selector, e);
      return json(500, notFound(path));
    }
  }

  /** The embedded API has no authorization: every subject may do everything. */
  private static String rulesReview(String body) {
    String namespace = "default";
    try {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      namespace = node.path("spec").path("namespace").asText("default");
    } catch (IOException | RuntimeException e) {
      // keep the default
    }
    return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\","
        + "\"spec\":{\"namespace\":\""
        + namespace.replace("\"", "")
        + "\"},\"status\":{\"incomplete\":false,"
        + "\"resourceRules\":[{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}],"
        + "\"nonResourceRules\":[{\"verbs\":[\"*\"],\"nonResourceURLs\":[\"*\"]}]}}";
  }

  private static String notFound(String path) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"the server could not find the requested resource\","
        + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}";
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
