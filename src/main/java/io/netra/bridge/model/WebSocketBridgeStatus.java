package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and decided; the only part of the resource it writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebSocketBridgeStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Pending, Progressing, Ready, Degraded, RolledBack, Failed or Paused.")
  public Phase phase;

  @JsonPropertyDescription(
      "Ready, Reconciling, Stalled, Configured and RolledBack, in the Kubernetes condition shape.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The revision the spec describes.")
  public RevisionRef desiredRevision;

  @JsonPropertyDescription("The revision on the Deployment now.")
  public RevisionRef currentRevision;

  @JsonPropertyDescription(
      "The last revision seen fully Ready and configured, image pinned by digest.")
  public RevisionRef stableRevision;

  @JsonPropertyDescription("Revisions that failed, newest last, bounded by revisionHistoryLimit.")
  public List<FailedRevision> failedRevisions = new ArrayList<>();

  @JsonPropertyDescription("Bridge pods that exist (all revisions).")
  public Integer replicas;

  @JsonPropertyDescription("Bridge pods that are Ready (all revisions; they serve traffic).")
  public Integer readyReplicas;

  @JsonPropertyDescription("Bridge pods that reported the config hash of their own revision.")
  public Integer configuredReplicas;
}
