package io.netra.bridge.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' name rules (DNS-1035 labels, DNS-1123 subdomains, qualified names and label values),
 * as in k8s.io/apimachinery/pkg/util/validation. Each check answers the problem, or empty when the
 * value is valid. Lengths are checked before any regular expression runs, so huge input is cheap.
 */
public final class KubernetesNames {
  public static final int DNS1035_LABEL_MAX_LENGTH = 63;
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
  public static final int LABEL_VALUE_MAX_LENGTH = 63;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
  private static final String QUALIFIED_NAME_PART = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_PART);
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + QUALIFIED_NAME_PART + ")?");

  private KubernetesNames() {}

  /** A DNS-1035 label of at most {@code maxLength} characters (metadata.name of a Service). */
  public static Optional<String> dns1035LabelError(String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    if (value.length() > maxLength) {
      return Optional.of(tooLong(value, maxLength));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      return Optional.of(
          "must consist of lower case letters, digits and '-', start with a letter and end with a"
              + " letter or digit (got "
              + Text.quote(value)
              + ")");
    }
    return Optional.empty();
  }

  /** A DNS-1123 subdomain (names of Secrets, ServiceAccounts, annotation prefixes). */
  public static Optional<String> dns1123SubdomainError(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      return Optional.of(tooLong(value, DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      return Optional.of(
          "must be a DNS-1123 subdomain: lower case letters, digits, '-' and '.', starting and"
              + " ending with a letter or digit (got "
              + Text.quote(value)
              + ")");
    }
    return Optional.empty();
  }

  /** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name. */
  public static Optional<String> qualifiedNameError(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("key must not be empty");
    }
    if (key.length() > DNS1123_SUBDOMAIN_MAX_LENGTH + 1 + QUALIFIED_NAME_MAX_LENGTH) {
      return Optional.of("key " + tooLong(key, DNS1123_SUBDOMAIN_MAX_LENGTH + 1 + 63));
    }
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        return Optional.of("key " + Text.quote(key) + " has an empty prefix before '/'");
      }
      Optional<String> prefixError = dns1123SubdomainError(prefix);
      if (prefixError.isPresent()) {
        return Optional.of("prefix of key " + Text.quote(key) + " " + prefixError.get());
      }
    }
    if (name.isEmpty()) {
      return Optional.of("key " + Text.quote(key) + " has an empty name");
    }
    if (name.length() > QUALIFIED_NAME_MAX_LENGTH) {
      return Optional.of(
          "name part of key "
              + Text.quote(key)
              + " must be at most "
              + QUALIFIED_NAME_MAX_LENGTH
              + " characters (got "
              + name.length()
              + ")");
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      return Optional.of(
          "key "
              + Text.quote(key)
              + " is not a qualified name: the name part must consist of alphanumeric characters,"
              + " '-', '_' or '.', and start and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  /** A label value: empty, or at most 63 alphanumeric, '-', '_' and '.' characters. */
  public static Optional<String> labelValueError(String value) {
    if (value == null) {
      return Optional.of("value must be a string, not null");
    }
    if (value.length() > LABEL_VALUE_MAX_LENGTH) {
      return Optional.of("value " + tooLong(value, LABEL_VALUE_MAX_LENGTH));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      return Optional.of(
          "value "
              + Text.quote(value)
              + " must be empty or consist of alphanumeric characters, '-', '_' or '.', and start"
              + " and end with an alphanumeric character");
    }
    return Optional.empty();
  }

  private static String tooLong(String value, int maxLength) {
    return "must be at most " + maxLength + " characters (got " + value.length() + ")";
  }
}
