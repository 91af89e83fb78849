package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NodeObjectsTest {

  private static final String NOW = "2025-01-01T00:00:00Z";

  @Test
  void aRegisteredNodeIsReadyWithRoomForThousandsOfPods() {
    NodeStatus status = NodeObjects.status("wsb-sim-node-0", NOW);

    assertThat(status.getConditions())
        .filteredOn(c -> "Ready".equals(c.getType()))
        .singleElement()
        .extracting(NodeCondition::getStatus, NodeCondition::getLastHeartbeatTime)
        .containsExactly("True", NOW);
    assertThat(status.getConditions())
        .filteredOn(c -> !"Ready".equals(c.getType()))
        .extracting(NodeCondition::getStatus)
        .containsOnly("False");
    assertThat(status.getAllocatable())
        .containsEntry("cpu", new Quantity("64"))
        .containsEntry("memory", new Quantity("256Gi"))
        .containsEntry("pods", new Quantity("2500"));
    assertThat(status.getCapacity()).isEqualTo(status.getAllocatable());
    assertThat(status.getAddresses())
        .anySatisfy(
            a -> {
              assertThat(a.getType()).isEqualTo("InternalIP");
              assertThat(a.getAddress()).isEqualTo("127.0.0.1");
            });
    assertThat(status.getNodeInfo().getKubeletVersion()).isEqualTo(NodeObjects.KUBELET_VERSION);
    assertThat(status.getNodeInfo().getContainerRuntimeVersion()).isEqualTo("simulated://1");
  }

  @Test
  void theLeaseIsTheNodesHeartbeatOwnedByTheNode() {
    Node node =
        new NodeBuilder(NodeObjects.node("wsb-sim-node-1"))
            .editMetadata()
            .withUid("node-uid")
            .endMetadata()
            .build();
    ZonedDateTime renewed = ZonedDateTime.parse("2025-01-01T00:00:10Z");

    Lease lease = NodeObjects.lease(node, renewed);

    assertThat(lease.getMetadata().getNamespace()).isEqualTo("kube-node-lease");
    assertThat(lease.getMetadata().getName()).isEqualTo("wsb-sim-node-1");
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("wsb-sim-node-1");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
    assertThat(lease.getSpec().getRenewTime()).isEqualTo(renewed);
    assertThat(lease.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("Node");
              assertThat(owner.getUid()).isEqualTo("node-uid");
            });
  }
}
