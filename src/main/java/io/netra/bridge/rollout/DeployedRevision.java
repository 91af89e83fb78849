package io.netra.bridge.rollout;

import java.time.Instant;

/** What the Deployment carries now: the revision, its image as written there, and when. */
public record DeployedRevision(String name, String image, Instant appliedAt) {}
