package io.netra.bridge.rollout;

import static io.netra.bridge.rollout.RolloutFixtures.NOW;
import static io.netra.bridge.rollout.RolloutFixtures.deployed;
import static io.netra.bridge.rollout.RolloutFixtures.desired;
import static io.netra.bridge.rollout.RolloutFixtures.healthy;
import static io.netra.bridge.rollout.RolloutFixtures.revision;
import static io.netra.bridge.rollout.RolloutFixtures.stableRef;
import static io.netra.bridge.rollout.RolloutFixtures.stableTemplate;
import static io.netra.bridge.rollout.RolloutFixtures.statusWithStable;
import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.testing.TestBridges;
import org.junit.jupiter.api.Test;

class RevisionRefsTest {
  private static RolloutDecision decision(Target target, RevisionRef newStable) {
    return new RolloutDecision(target, Phase.Progressing, "r", "m", null, newStable, null);
  }

  @Test
  void theTargetIsTheDesiredTemplateTheStableOnePinnedOrNothing() {
    RevisionTemplate desired = desired();
    RevisionTemplate stable = revision("ghcr.io/netra/bridge:1.4.1");

    assertThat(RevisionRefs.target(decision(Target.DESIRED, null), desired, stable, stableRef()))
        .isSameAs(desired);
    assertThat(
            RevisionRefs.target(decision(Target.STABLE, null), desired, stable, stableRef())
                .image())
        .isEqualTo("ghcr.io/netra/bridge@" + TestBridges.OTHER_DIGEST);
    assertThat(RevisionRefs.target(decision(Target.UNCHANGED, null), desired, stable, stableRef()))
        .isNull();
  }

  @Test
  void theDigestComesFromTheStableRecordThenThePodsThenTheImage() {
    RevisionTemplate desired = desired();
    assertThat(RevisionRefs.digestOf(stableTemplate(), null, null, stableRef()))
        .isEqualTo(TestBridges.OTHER_DIGEST);
    assertThat(
            RevisionRefs.digestOf(
                desired, deployed(desired, NOW), healthy(TestBridges.DIGEST), stableRef()))
        .isEqualTo(TestBridges.DIGEST);
    assertThat(
            RevisionRefs.digestOf(
                desired,
                deployed(stableTemplate(), NOW),
                healthy(TestBridges.OTHER_DIGEST),
                stableRef()))
        .as("pods of another revision tell nothing about this one")
        .isNull();
    assertThat(
            RevisionRefs.digestOf(
                revision("ghcr.io/netra/bridge@" + TestBridges.DIGEST), null, null, null))
        .isEqualTo(TestBridges.DIGEST);
  }

  @Test
  void currentIsWhatTheDeploymentCarriesAfterTheDecision() {
    RevisionTemplate desired = desired();
    RevisionRef desiredRef = desired.ref(null);
    var previous = statusWithStable();
    previous.currentRevision = stableRef();

    RevisionRef promoted =
        new RevisionRef(desired.name(), "pinned", TestBridges.DIGEST, desired.configHash());
    assertThat(
            RevisionRefs.current(
                    decision(Target.DESIRED, promoted),
                    desired,
                    desiredRef,
                    previous,
                    deployed(desired, NOW),
                    null)
                .digest)
        .isEqualTo(TestBridges.DIGEST);
    RevisionTemplate pinnedStable = stableTemplate();
    assertThat(
            RevisionRefs.current(
                decision(Target.STABLE, null),
                pinnedStable,
                desiredRef,
                previous,
                deployed(desired, NOW),
                null))
        .satisfies(
            r -> {
              assertThat(r.name).isEqualTo(pinnedStable.name());
              assertThat(r.digest).isEqualTo(TestBridges.OTHER_DIGEST);
            });
    assertThat(
            RevisionRefs.current(
                decision(Target.UNCHANGED, null),
                null,
                desiredRef,
                previous,
                deployed(desired, NOW),
                null))
        .isSameAs(desiredRef);
    assertThat(
            RevisionRefs.current(
                decision(Target.UNCHANGED, null),
                null,
                desiredRef,
                previous,
                deployed(stableTemplate(), NOW),
                null))
        .isSameAs(previous.currentRevision);
  }
}
