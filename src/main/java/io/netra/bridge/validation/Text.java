package io.netra.bridge.validation;

/** Shows user input in messages: quoted, control characters escaped, long values cut. */
final class Text {
  static final int SHOWN = 64;

  private Text() {}

  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() <= SHOWN ? value : value.substring(0, SHOWN);
    StringBuilder out = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    out.append('"');
    if (value.length() > SHOWN) {
      out.append("… (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }

  /** A map key as shown in a field path: {@code spec.pod.labels[key]}. */
  static String key(String key) {
    if (key == null) {
      return "[null]";
    }
    return "[" + (key.length() <= SHOWN ? key : key.substring(0, SHOWN) + "…") + "]";
  }
}
