package io.netra.bridge.simulation;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Paged lists ({@code ?limit=N&continue=token}) as a real API server serves them: items in
 * namespace/name order, at most {@code limit} per page, and an opaque token to ask for the rest.
 * The token is the key of the last item sent, so objects written between pages neither repeat nor
 * vanish unless they are created or deleted meanwhile (a real server pins a snapshot instead).
 */
final class ListPage {
  private ListPage() {}

  /** The paging a list request asks for. */
  record Request(int limit, String after) {

    /** Present when the request's query has a positive {@code limit}. */
    static Optional<Request> of(String path) {
      String query = URI.create(path.replace(" ", "%20")).getRawQuery();
      String limit = QueryParameters.value(query, "limit");
      String after = QueryParameters.value(query, "continue");
      try {
        int pageSize = limit == null ? 0 : Integer.parseInt(limit);
        return pageSize > 0
            ? Optional.of(new Request(pageSize, after == null ? "" : decode(after)))
            : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** One page of {@code keys}, with a continue token when more follow. */
  static MockResponse answer(
      Request request,
      List<AttributeSet> keys,
      Function<AttributeSet, String> objectKey,
      Function<AttributeSet, String> stored,
      long resourceVersion) {
    List<AttributeSet> rest =
        keys.stream()
            .filter(key -> objectKey.apply(key).compareTo(request.after()) > 0)
            .sorted(Comparator.comparing(objectKey))
            .toList();
    List<AttributeSet> page = rest.subList(0, Math.min(request.limit(), rest.size()));
    String token =
        rest.size() > page.size() ? encode(objectKey.apply(page.get(page.size() - 1))) : null;
    StringBuilder body = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    for (int i = 0; i < page.size(); i++) {
      body.append(i == 0 ? "" : ",").append(stored.apply(page.get(i)));
    }
    body.append("],\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
    if (token != null) {
      body.append(",\"continue\":\"").append(token).append('"');
    }
    body.append("}}");
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(body.toString());
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Not one of ours: start from the beginning, as for an expired token a client relists.
      return "";
    }
  }
}
