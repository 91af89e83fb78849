package io.netra.bridge.rendering;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.testing.TestBridges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The objects the operator renders for {@link TestBridges#full()}, and the same objects as a real
 * API server (Kubernetes v1.34.4) stored them after defaulting and admission, recorded under {@code
 * src/test/resources/recorded} by {@link RecordServerDefaults}.
 */
final class RecordedObjects {
  static final Path DIR = Path.of("src", "test", "resources", "recorded");
  static final String DEPLOYMENT = "deployment.json";
  static final String CONTROLLER_REVISION = "controllerrevision.json";
  static final String POD = "pod.json";
  static final String POD_NAME = "chat-recorded";

  /** Fields that change with every write or every recording; nothing else is removed. */
  static final List<String> VOLATILE_METADATA =
      List.of(
          "uid",
          "resourceVersion",
          "creationTimestamp",
          "managedFields",
          "generation",
          // The scratch namespace of the recording; the test puts the rendered one back.
          "namespace");

  private RecordedObjects() {}

  static WebSocketBridge bridge() {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getSpec().normalized();
    return bridge;
  }

  static Deployment deployment() {
    WebSocketBridge bridge = bridge();
    return DeploymentRenderer.render(
        bridge, RevisionRenderer.desired(bridge), Instant.parse("2026-03-01T10:15:30Z"));
  }

  static ControllerRevision controllerRevision() {
    WebSocketBridge bridge = bridge();
    return ControllerRevisions.render(bridge, RevisionRenderer.desired(bridge), 1);
  }

  /** A pod made from the rendered pod template, as the Deployment's ReplicaSet would make it. */
  static Pod pod() {
    Deployment deployment = deployment();
    var template = deployment.getSpec().getTemplate();
    return new PodBuilder()
        .withMetadata(
            new ObjectMetaBuilder(template.getMetadata())
                .withName(POD_NAME)
                .withNamespace(deployment.getMetadata().getNamespace())
                .build())
        .withSpec(template.getSpec())
        .build();
  }

  /** The pod template names a ServiceAccount; admission refuses the pod until it exists. */
  static ServiceAccount serviceAccount() {
    Pod pod = pod();
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(pod.getSpec().getServiceAccountName())
        .withNamespace(pod.getMetadata().getNamespace())
        .endMetadata()
        .build();
  }

  /** A recorded object, in the namespace of the rendered one. */
  static <T extends HasMetadata> T recorded(String file, Class<T> type) {
    try {
      T stored = Serialization.unmarshal(Files.readString(DIR.resolve(file)), type);
      stored.getMetadata().setNamespace(TestBridges.full().getMetadata().getNamespace());
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is kept of an object the API server answered. */
  static ObjectNode withoutVolatileFields(ObjectNode stored) {
    ObjectNode metadata = (ObjectNode) stored.get("metadata");
    metadata.remove(VOLATILE_METADATA);
    return stored;
  }
}
