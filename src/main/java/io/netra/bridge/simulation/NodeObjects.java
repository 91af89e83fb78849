package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.ZonedDateTime;
import java.util.Map;

/** The Node and Lease objects a kubelet registers and renews, as a real kubelet shapes them. */
final class NodeObjects {

  static final String NODE_IP = "127.0.0.1";
  static final String KUBELET_VERSION = "v1.34.4";
  static final String CONTAINER_RUNTIME_VERSION = "simulated://1";
  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_DURATION_SECONDS = 40;
  static final String SIMULATED_LABEL = "bridge.netra.io/simulated-node";

  private static final Map<String, Quantity> RESOURCES =
      Map.of(
          "cpu", new Quantity("64"),
          "memory", new Quantity("256Gi"),
          "pods", new Quantity("2500"),
          "ephemeral-storage", new Quantity("1Ti"));

  private NodeObjects() {}

  /** The Node as registered, without status (written through the status subresource). */
  static Node node(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(
            Map.of(
                "kubernetes.io/hostname",
                name,
                "kubernetes.io/os",
                "linux",
                "kubernetes.io/arch",
                "amd64",
                SIMULATED_LABEL,
                "true"))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .build();
  }

  /** A healthy node's status: Ready, no pressure, room for thousands of pods. */
  static NodeStatus status(String name, String now) {
    String machineId = SimulatedRegistry.sha256Hex(name).substring(0, 32);
    return new NodeStatusBuilder()
        .withCapacity(RESOURCES)
        .withAllocatable(RESOURCES)
        .withConditions(
            condition("MemoryPressure", false, "KubeletHasSufficientMemory", now),
            condition("DiskPressure", false, "KubeletHasNoDiskPressure", now),
            condition("PIDPressure", false, "KubeletHasSufficientPID", now),
            condition("Ready", true, "KubeletReady", now))
        .withAddresses(new NodeAddress(NODE_IP, "InternalIP"), new NodeAddress(name, "Hostname"))
        .withNodeInfo(
            new NodeSystemInfoBuilder()
                .withMachineID(machineId)
                .withSystemUUID(machineId)
                .withBootID(machineId)
                .withKernelVersion("simulated")
                .withOsImage("websocket-bridge-operator simulated node")
                .withContainerRuntimeVersion(CONTAINER_RUNTIME_VERSION)
                .withKubeletVersion(KUBELET_VERSION)
                .withKubeProxyVersion("")
                .withOperatingSystem("linux")
                .withArchitecture("amd64")
                .build())
        .build();
  }

  /** The node's heartbeat: the node lifecycle controller reads its renew time. */
  static Lease lease(Node node, ZonedDateTime renewTime) {
    String name = node.getMetadata().getName();
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(LEASE_NAMESPACE)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(name)
                .withUid(node.getMetadata().getUid())
                .build())
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(name)
        .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
        .withRenewTime(renewTime)
        .endSpec()
        .build();
  }

  private static NodeCondition condition(String type, boolean status, String reason, String now) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message(reason))
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  private static String message(String reason) {
    return switch (reason) {
      case "KubeletReady" -> "kubelet is posting ready status";
      case "KubeletHasSufficientMemory" -> "kubelet has sufficient memory available";
      case "KubeletHasNoDiskPressure" -> "kubelet has no disk pressure";
      default -> "kubelet has sufficient PID available";
    };
  }
}
