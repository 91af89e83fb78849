package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** What the user declares. The operator reads it and never writes it (GitOps tools own it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebSocketBridgeSpec {

  @Required
  @Size(min = 1, max = 512)
  @Pattern(ImageReference.PATTERN)
  @JsonPropertyDescription(
      "Bridge container image: repo[:tag], repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>.")
  public String image;

  @Default("IfNotPresent")
  @SchemaFrom(type = SchemaEnums.PullPolicy.class)
  @Pattern("^(Always|IfNotPresent|Never)$")
  @JsonPropertyDescription(
      "Image pull policy of the bridge container: Always, IfNotPresent or Never.")
  public String imagePullPolicy = "IfNotPresent";

  @Size(max = 16)
  @JsonPropertyDescription("Names of Secrets in the bridge's namespace used to pull the image.")
  public List<@Size(min = 1, max = 253) @Pattern(PodSettings.DNS1123_SUBDOMAIN_PATTERN) String>
      imagePullSecrets = new ArrayList<>();

  @Default("2")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription(
      "Number of bridge pods. 0 is allowed. Changing it alone does not start a new revision.")
  public Integer replicas = 2;

  @Default("8080")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port the bridge listens on, exposed as the port named `ws`.")
  public Integer containerPort = 8080;

  @JsonPropertyDescription("The bridge's own configuration, rendered into its config file.")
  public BridgeConfig bridge = new BridgeConfig();

  @Size(max = 128)
  @SchemaFrom(type = EnvVarSchema[].class)
  @ValidationRule(
      value = "self.all(e, has(e.name) && e.name.matches('^[-._a-zA-Z][-._a-zA-Z0-9]*$'))",
      message =
          "env names must consist of letters, digits, '_', '-' and '.', not starting with a digit")
  @ValidationRule(
      value =
          "!self.exists(e, has(e.name) && e.name in ['BRIDGE_CONFIG_FILE', 'BRIDGE_CONFIGURED_PATH'])",
      message = "BRIDGE_CONFIG_FILE and BRIDGE_CONFIGURED_PATH are set by the operator itself")
  @JsonPropertyDescription("Environment variables of the bridge container (secretKeyRef allowed).")
  public List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription("Compute resources of the bridge container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Settings of the bridge pods.")
  public PodSettings pod = new PodSettings();

  @JsonPropertyDescription("HTTP paths the bridge serves for probes and configuration checks.")
  public HealthSettings health = new HealthSettings();

  @JsonPropertyDescription("How revisions are rolled out, verified and rolled back.")
  public RolloutSettings rollout = new RolloutSettings();

  @Default("false")
  @JsonPropertyDescription(
      "While true the operator changes nothing in the cluster and says so in status.")
  public Boolean paused = false;

  /**
   * Set instead of the fields when the spec could not be read (a value of the wrong JSON type); the
   * validator reports it. Never serialized.
   */
  @JsonIgnore public Unreadable unreadable;

  /** Where and why a spec could not be read, and the spec as it was written. */
  public record Unreadable(String field, String problem, JsonNode raw) {}

  /** A copy-free view with every optional part present, so callers never check for null. */
  public WebSocketBridgeSpec normalized() {
    if (imagePullPolicy == null) imagePullPolicy = "IfNotPresent";
    if (imagePullSecrets == null) imagePullSecrets = new ArrayList<>();
    if (replicas == null) replicas = 2;
    if (containerPort == null) containerPort = 8080;
    if (bridge == null) bridge = new BridgeConfig();
    bridge.normalize();
    if (env == null) env = new ArrayList<>();
    if (pod == null) pod = new PodSettings();
    pod.normalize();
    if (health == null) health = new HealthSettings();
    health.normalize();
    if (rollout == null) rollout = new RolloutSettings();
    rollout.normalize();
    if (paused == null) paused = false;
    return this;
  }
}
