package io.netra.bridge.simulation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading one parameter of a request's raw query string, as the embedded API server's parts do. */
final class QueryParameters {
  private QueryParameters() {}

  /** The decoded value of {@code name} in {@code query}, or null when it is absent. */
  static String value(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
