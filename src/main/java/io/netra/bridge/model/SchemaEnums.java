package io.netra.bridge.model;

/**
 * Enum types that only shape the CRD schema ({@code @SchemaFrom}) of string fields, so the schema
 * lists the allowed values as an {@code enum} while the Java fields stay strings.
 */
final class SchemaEnums {
  private SchemaEnums() {}

  /** Values of {@code spec.imagePullPolicy}. */
  enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }

  /** Values of {@code spec.bridge.logging.level}. */
  enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** Values of {@code spec.bridge.logging.format}. */
  enum LogFormat {
    json,
    text
  }
}
