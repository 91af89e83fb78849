package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the bridge pods that are not the bridge's own configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSettings {

  @Size(max = 64)
  @JsonPropertyDescription("Extra labels on the bridge pods (the operator's own labels win).")
  public Map<String, String> labels = new LinkedHashMap<>();

  @Size(max = 64)
  @JsonPropertyDescription("Extra annotations on the bridge pods (the operator's own win).")
  public Map<String, String> annotations = new LinkedHashMap<>();

  @Size(max = 64)
  @JsonPropertyDescription("Node selector of the bridge pods.")
  public Map<String, String> nodeSelector = new LinkedHashMap<>();

  @Size(max = 64)
  @JsonPropertyDescription("Tolerations of the bridge pods.")
  public List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("Affinity of the bridge pods.")
  public Affinity affinity;

  @Size(max = 253)
  @JsonPropertyDescription("Service account the bridge pods run as.")
  public String serviceAccountName;

  void normalize() {
    if (labels == null) labels = new LinkedHashMap<>();
    if (annotations == null) annotations = new LinkedHashMap<>();
    if (nodeSelector == null) nodeSelector = new LinkedHashMap<>();
    if (tolerations == null) tolerations = new ArrayList<>();
  }
}
