package io.netra.bridge.validation;

/** One problem with a resource, named by the field the user wrote. */
public record Violation(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
