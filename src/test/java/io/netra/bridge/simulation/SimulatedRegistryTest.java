package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import org.junit.jupiter.api.Test;

class SimulatedRegistryTest {

  private final SimulatedRegistry registry = new SimulatedRegistry();

  @Test
  void publishingTheSameTagAgainGivesANewDigestAndKeepsTheOldBuildPullableByDigest() {
    String first = registry.publish("localhost:5000/team/bridge:1.2", ImageBehaviour.healthy());
    String second =
        registry.publish("localhost:5000/team/bridge:1.2", ImageBehaviour.crashesAtStartup(1, "x"));

    assertThat(first).matches("sha256:[0-9a-f]{64}").isNotEqualTo(second);
    assertThat(registry.resolve("localhost:5000/team/bridge:1.2"))
        .hasValueSatisfying(i -> assertThat(i.digest()).isEqualTo(second));
    assertThat(registry.resolve("localhost:5000/team/bridge@" + first))
        .hasValueSatisfying(
            i -> {
              assertThat(i.behaviour()).isEqualTo(ImageBehaviour.healthy());
              assertThat(i.imageId()).isEqualTo("localhost:5000/team/bridge@" + first);
            });
  }

  @Test
  void digestWinsOverTagAndBareRepositoryMeansLatest() {
    String old = registry.publish("team/bridge:1.0", ImageBehaviour.healthy());
    registry.publish("team/bridge", ImageBehaviour.neverReady());

    assertThat(registry.resolve("team/bridge:2.0@" + old))
        .hasValueSatisfying(i -> assertThat(i.digest()).isEqualTo(old));
    assertThat(registry.resolve("team/bridge"))
        .hasValueSatisfying(i -> assertThat(i.behaviour()).isEqualTo(ImageBehaviour.neverReady()));
    assertThat(registry.resolve("team/bridge:latest")).isEqualTo(registry.resolve("team/bridge"));
    assertThat(registry.resolve("team/bridge:9.9")).isEmpty();
    assertThat(registry.resolve("other/bridge@" + old)).isEmpty();
  }

  @Test
  void invalidReferencesAreRejected() {
    assertThat(ImageReference.parse("team/Bridge:1.0")).isEmpty();
    assertThat(ImageReference.parse("team/bridge :1.0")).isEmpty();
    assertThat(ImageReference.parse("")).isEmpty();
    assertThat(ImageReference.parse("team/bridge@sha256:abc")).isEmpty();
    assertThat(ImageReference.parse("localhost:5000/team/bridge:1.2")).isPresent();
    assertThatThrownBy(() -> registry.publish("Team/Bridge", ImageBehaviour.healthy()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rollingUpdateBudgetRoundsLikeKubernetes() {
    assertThat(budget("25%", "25%", 3)).isEqualTo(new RollingUpdateBudget(1, 0));
    assertThat(budget("50%", "50%", 3)).isEqualTo(new RollingUpdateBudget(2, 1));
    assertThat(budget(null, null, 10)).isEqualTo(new RollingUpdateBudget(3, 2));
    assertThat(
            RollingUpdateBudget.of(
                new DeploymentStrategyBuilder()
                    .withNewRollingUpdate()
                    .withMaxSurge(new IntOrString(0))
                    .withMaxUnavailable(new IntOrString(0))
                    .endRollingUpdate()
                    .build(),
                2))
        .isEqualTo(new RollingUpdateBudget(0, 1));
  }

  private static RollingUpdateBudget budget(String surge, String unavailable, int replicas) {
    DeploymentStrategyBuilder strategy = new DeploymentStrategyBuilder().withType("RollingUpdate");
    if (surge != null) {
      strategy
          .withNewRollingUpdate()
          .withMaxSurge(new IntOrString(surge))
          .withMaxUnavailable(new IntOrString(unavailable))
          .endRollingUpdate();
    }
    return RollingUpdateBudget.of(strategy.build(), replicas);
  }
}
