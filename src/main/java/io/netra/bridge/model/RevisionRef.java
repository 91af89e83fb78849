package io.netra.bridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One revision of the bridge's pods, as shown in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionRef {

  @JsonPropertyDescription("Revision name: a hash of the rendered pod template.")
  public String name;

  @JsonPropertyDescription(
      "Image of the revision (pinned as repo@sha256:<digest> once known good).")
  public String image;

  @JsonPropertyDescription("Image digest (sha256:...) learnt from the pods' imageID, once known.")
  public String digest;

  @JsonPropertyDescription("Hash of the rendered config file of the revision.")
  public String configHash;

  public RevisionRef() {}

  public RevisionRef(String name, String image, String digest, String configHash) {
    this.name = name;
    this.image = image;
    this.digest = digest;
    this.configHash = configHash;
  }

  @Override
  public String toString() {
    return name + " (" + image + (digest == null || image.contains("@") ? "" : " " + digest) + ")";
  }
}
