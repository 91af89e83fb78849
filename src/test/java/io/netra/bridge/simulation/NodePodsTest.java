package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class NodePodsTest {

  private static Pod withScheduler(String schedulerName) {
    return new PodBuilder().withNewSpec().withSchedulerName(schedulerName).endSpec().build();
  }

  @Test
  void podsForTheDefaultSchedulerAreScheduled() {
    assertThat(NodePods.forTheDefaultScheduler(withScheduler(null))).isTrue();
    assertThat(NodePods.forTheDefaultScheduler(withScheduler("default-scheduler"))).isTrue();
  }

  @Test
  void podsNamingAnotherSchedulerAreLeftPending() {
    assertThat(NodePods.forTheDefaultScheduler(withScheduler("websocket-bridge-bench-unscheduled")))
        .isFalse();
  }
}
