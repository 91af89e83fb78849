package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GracefulDeletionTest {

  @Test
  void theDeletionsGracePeriodCountsButNeverMoreThanASecond() {
    assertThat(GracefulDeletion.waitFor(deleted(40L, 0L))).isEqualTo(Duration.ZERO);
    assertThat(GracefulDeletion.waitFor(deleted(0L, 40L))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void withoutADeletionGracePeriodThePodsOwnCounts() {
    assertThat(GracefulDeletion.waitFor(deleted(0L, null))).isEqualTo(Duration.ZERO);
    assertThat(GracefulDeletion.waitFor(deleted(40L, null))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void withNoGracePeriodAtAllTheDefaultThirtySecondsAreCappedToo() {
    assertThat(GracefulDeletion.waitFor(deleted(null, null))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aPreStopSleepIsWaitedForWithinTheGracePeriod() {
    Pod drained = deleted(40L, null);
    drained
        .getSpec()
        .getContainers()
        .add(
            new ContainerBuilder()
                .withName("bridge")
                .withNewLifecycle()
                .withNewPreStop()
                .withNewSleep()
                .withSeconds(0L)
                .endSleep()
                .endPreStop()
                .endLifecycle()
                .build());
    assertThat(GracefulDeletion.waitFor(drained)).isEqualTo(Duration.ZERO);

    drained.getSpec().getContainers().get(0).getLifecycle().getPreStop().getSleep().setSeconds(30L);
    assertThat(GracefulDeletion.waitFor(drained)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theWaitIsRoundedUpToWholeSteps() {
    assertThat(GracefulDeletion.stepsFor(deleted(40L, null), Duration.ofMillis(20))).isEqualTo(50);
    assertThat(GracefulDeletion.stepsFor(deleted(40L, null), Duration.ofMillis(300))).isEqualTo(4);
    assertThat(GracefulDeletion.stepsFor(deleted(0L, null), Duration.ofMillis(20))).isZero();
  }

  private static Pod deleted(Long terminationGracePeriodSeconds, Long deletionGracePeriodSeconds) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withDeletionGracePeriodSeconds(deletionGracePeriodSeconds)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(terminationGracePeriodSeconds)
        .endSpec()
        .build();
  }
}
