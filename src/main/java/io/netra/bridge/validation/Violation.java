package io.netra.bridge.validation;

/**
 * One problem with a bridge's spec: the field, in the user's names ({@code spec.env[2].name}), and
 * what is wrong with it.
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
