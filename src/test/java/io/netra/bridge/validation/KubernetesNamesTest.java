package io.netra.bridge.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "chat", "chat-v2", "a1", "a--b"})
  void validDns1035Labels(String name) {
    assertThat(KubernetesNames.dns1035LabelError(name, 63)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"1a", "-a", "a-", "A", "a.b", "a_b", "ü"})
  void invalidDns1035Labels(String name) {
    assertThat(KubernetesNames.dns1035LabelError(name, 63)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "regcred", "a.b-c.d", "0abc", "mirror.example.com"})
  void validSubdomains(String name) {
    assertThat(KubernetesNames.dns1123SubdomainError(name)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"A", "a..b", ".a", "a.", "a_b", "a-.b"})
  void invalidSubdomains(String name) {
    assertThat(KubernetesNames.dns1123SubdomainError(name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "A_b.c-D", "example.com/name", "app.kubernetes.io/name", "x/Y", "a1"})
  void validQualifiedNames(String key) {
    assertThat(KubernetesNames.qualifiedNameError(key)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"/a", "a/", "a/b/c", "_a", "a_", "Example.com/a", "a b", "ex_ample/a"})
  void invalidQualifiedNames(String key) {
    assertThat(KubernetesNames.qualifiedNameError(key)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "A-b_c.d", "0"})
  void validLabelValues(String value) {
    assertThat(KubernetesNames.labelValueError(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "a-", "a b", "a/b", "ü", "."})
  void invalidLabelValues(String value) {
    assertThat(KubernetesNames.labelValueError(value)).isPresent();
  }

  @org.junit.jupiter.api.Test
  void labelValueLengthLimitIs63() {
    assertThat(KubernetesNames.labelValueError("a".repeat(63))).isEmpty();
    assertThat(KubernetesNames.labelValueError("a".repeat(64)))
        .hasValue("value must be at most 63 characters (got 64)");
  }
}
