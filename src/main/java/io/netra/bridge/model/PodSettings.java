package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the bridge pods that are not the bridge's own configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSettings {
  /** A DNS-1123 subdomain: names of Secrets and ServiceAccounts. */
  public static final String DNS1123_SUBDOMAIN_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** CEL: every key is a qualified name with an optional DNS-1123 subdomain prefix. */
  static final String QUALIFIED_KEYS_RULE =
      "self.all(k, size(k) <= 317 && k.matches('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$'))";

  static final String QUALIFIED_KEYS_MESSAGE =
      "keys must be qualified names: an optional DNS-1123 subdomain prefix and '/', then at most"
          + " 63 alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric";

  /** Kubernetes' label value: empty, or at most 63 alphanumerics, '-', '_' and '.'. */
  public static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

  @Size(max = 64)
  @ValidationRule(value = QUALIFIED_KEYS_RULE, message = QUALIFIED_KEYS_MESSAGE)
  @ValidationRule(
      value =
          "!self.exists(k, k in ['app.kubernetes.io/name', 'app.kubernetes.io/instance',"
              + " 'app.kubernetes.io/managed-by', 'bridge.netra.io/revision'])",
      message = "must not set a label the operator sets itself")
  @JsonPropertyDescription("Extra labels on the bridge pods (the operator's own labels win).")
  public Map<String, @Size(max = 63) @Pattern(LABEL_VALUE_PATTERN) String> labels =
      new LinkedHashMap<>();

  @Size(max = 64)
  @ValidationRule(value = QUALIFIED_KEYS_RULE, message = QUALIFIED_KEYS_MESSAGE)
  @ValidationRule(
      value = "!('bridge.netra.io/config-hash' in self)",
      message = "must not set the annotation bridge.netra.io/config-hash (the operator sets it)")
  @JsonPropertyDescription("Extra annotations on the bridge pods (the operator's own win).")
  public Map<String, String> annotations = new LinkedHashMap<>();

  @Size(max = 64)
  @ValidationRule(value = QUALIFIED_KEYS_RULE, message = QUALIFIED_KEYS_MESSAGE)
  @JsonPropertyDescription("Node selector of the bridge pods.")
  public Map<String, @Size(max = 63) @Pattern(LABEL_VALUE_PATTERN) String> nodeSelector =
      new LinkedHashMap<>();

  @Size(max = 64)
  @JsonPropertyDescription("Tolerations of the bridge pods.")
  public List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("Affinity of the bridge pods.")
  public Affinity affinity;

  @Size(max = 253)
  @Pattern(DNS1123_SUBDOMAIN_PATTERN)
  @JsonPropertyDescription("Service account the bridge pods run as.")
  public String serviceAccountName;

  void normalize() {
    if (labels == null) labels = new LinkedHashMap<>();
    if (annotations == null) annotations = new LinkedHashMap<>();
    if (nodeSelector == null) nodeSelector = new LinkedHashMap<>();
    if (tolerations == null) tolerations = new ArrayList<>();
  }
}
