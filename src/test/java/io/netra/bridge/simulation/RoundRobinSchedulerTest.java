package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundRobinSchedulerTest {

  @Test
  void podsGoToTheNodesInTurn() {
    RoundRobinScheduler scheduler = new RoundRobinScheduler(List.of("n-0", "n-1", "n-2"), null);

    List<String> chosen = IntStream.range(0, 7).mapToObj(i -> scheduler.nextNode()).toList();

    assertThat(chosen).containsExactly("n-0", "n-1", "n-2", "n-0", "n-1", "n-2", "n-0");
  }

  @Test
  void oneNodeTakesEveryPod() {
    RoundRobinScheduler scheduler = new RoundRobinScheduler(List.of("only"), null);

    assertThat(List.of(scheduler.nextNode(), scheduler.nextNode())).containsOnly("only");
  }

  @Test
  void noNodesIsRefused() {
    assertThatThrownBy(() -> new RoundRobinScheduler(List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBindingTargetsTheNodeAndHoldsOnlyForThisPod() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("chat-abc")
            .withNamespace("team-a")
            .withUid("uid-1")
            .endMetadata()
            .build();

    Binding binding = RoundRobinScheduler.binding(pod, "wsb-sim-node-1");

    assertThat(binding.getMetadata().getName()).isEqualTo("chat-abc");
    assertThat(binding.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(binding.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(binding.getTarget().getKind()).isEqualTo("Node");
    assertThat(binding.getTarget().getApiVersion()).isEqualTo("v1");
    assertThat(binding.getTarget().getName()).isEqualTo("wsb-sim-node-1");
  }
}
