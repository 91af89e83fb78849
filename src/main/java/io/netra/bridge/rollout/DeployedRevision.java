package io.netra.bridge.rollout;

import java.time.Instant;

/**
 * What the Deployment carries now: the revision, the image the operator wrote, when, and the value
 * of the retry annotation it was written for.
 */
public record DeployedRevision(String name, String image, Instant appliedAt, String retry) {
  public DeployedRevision(String name, String image, Instant appliedAt) {
    this(name, image, appliedAt, null);
  }
}
