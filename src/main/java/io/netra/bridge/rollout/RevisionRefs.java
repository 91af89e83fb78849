package io.netra.bridge.rollout;

import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionTemplate;

/** The revisions a status shows (desired, current) and the template a decision puts in place. */
public final class RevisionRefs {
  private RevisionRefs() {}

  /** The template the Deployment should carry, or null to leave it as it is. */
  public static RevisionTemplate target(
      RolloutDecision decision,
      RevisionTemplate desired,
      RevisionTemplate stableTemplate,
      RevisionRef stable) {
    return switch (decision.target()) {
      case DESIRED -> desired;
      case STABLE -> stableTemplate.pinnedTo(stable.digest);
      case UNCHANGED -> null;
    };
  }

  /** The digest of a revision, when the stable record, the pods or the image itself tell it. */
  public static String digestOf(
      RevisionTemplate revision,
      DeployedRevision deployed,
      RevisionHealth health,
      RevisionRef stable) {
    if (stable != null && revision.name().equals(stable.name)) {
      return stable.digest;
    }
    if (health != null
        && health.digest() != null
        && deployed != null
        && deployed.name().equals(revision.name())) {
      return health.digest();
    }
    return ImageReference.parse(revision.image()).map(ImageReference::digest).orElse(null);
  }

  /** What the Deployment carries once this decision is applied. */
  public static RevisionRef current(
      RolloutDecision decision,
      RevisionTemplate target,
      RevisionRef desiredRef,
      WebSocketBridgeStatus previous,
      DeployedRevision deployed,
      RevisionHealth health) {
    RevisionRef stable = previous.stableRevision;
    if (decision.newStable() != null) {
      return new RevisionRef(
          desiredRef.name, desiredRef.image, decision.newStable().digest, desiredRef.configHash);
    }
    if (target != null) {
      return target.ref(
          decision.target() == Target.STABLE
              ? stable.digest
              : digestOf(target, deployed, health, stable));
    }
    if (deployed != null && deployed.name().equals(desiredRef.name)) {
      return desiredRef;
    }
    return previous.currentRevision;
  }
}
