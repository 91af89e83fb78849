package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.testing.TestBridges;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnedObjectRenderersTest {
  private static final Instant APPLIED = Instant.parse("2026-03-01T10:15:30Z");

  private static WebSocketBridge bridge() {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getSpec().normalized();
    return bridge;
  }

  private static void assertOwned(ObjectMeta metadata, String name) {
    assertThat(metadata.getName()).isEqualTo(name);
    assertThat(metadata.getNamespace()).isEqualTo(TestBridges.NAMESPACE);
    assertThat(metadata.getLabels())
        .containsEntry("app.kubernetes.io/name", "websocket-bridge")
        .containsEntry("app.kubernetes.io/instance", "chat")
        .containsEntry("app.kubernetes.io/managed-by", "websocket-bridge-operator");
    OwnerReference owner = metadata.getOwnerReferences().get(0);
    assertThat(metadata.getOwnerReferences()).hasSize(1);
    assertThat(owner.getApiVersion()).isEqualTo("bridge.netra.io/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("WebSocketBridge");
    assertThat(owner.getName()).isEqualTo("chat");
    assertThat(owner.getUid()).isEqualTo(TestBridges.UID);
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void deploymentServesTheRevision() {
    WebSocketBridge bridge = bridge();
    RevisionTemplate revision = RevisionRenderer.desired(bridge);

    Deployment deployment = DeploymentRenderer.render(bridge, revision, APPLIED);

    assertOwned(deployment.getMetadata(), "chat");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("bridge.netra.io/revision", revision.name())
        .containsEntry("bridge.netra.io/applied-at", "2026-03-01T10:15:30Z");
    var spec = deployment.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(3);
    assertThat(spec.getSelector().getMatchLabels())
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name",
                "websocket-bridge",
                "app.kubernetes.io/instance",
                "chat"));
    assertThat(spec.getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(spec.getSelector().getMatchLabels());
    assertThat(spec.getTemplate()).isEqualTo(revision.podTemplate());
    assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(2);
    assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(300);
    assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(DeploymentRenderer.servedRevision(deployment)).isEqualTo(revision.name());
    assertThat(DeploymentRenderer.appliedAt(deployment)).isEqualTo(APPLIED);
  }

  @Test
  void deploymentAnnotationsReadNullSafely() {
    Deployment bare = new Deployment();
    bare.setMetadata(new ObjectMeta());
    assertThat(DeploymentRenderer.servedRevision(bare)).isNull();
    assertThat(DeploymentRenderer.appliedAt(bare)).isNull();

    bare.getMetadata().setAnnotations(Map.of("bridge.netra.io/applied-at", "yesterday"));
    assertThat(DeploymentRenderer.appliedAt(bare)).isNull();
  }

  @Test
  void serviceExposesPortWs() {
    var service = ServiceRenderer.render(bridge());

    assertOwned(service.getMetadata(), "chat");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name",
                "websocket-bridge",
                "app.kubernetes.io/instance",
                "chat"));
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("ws");
              assertThat(p.getPort()).isEqualTo(9000);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("ws");
              assertThat(p.getProtocol()).isEqualTo("TCP");
            });
  }

  @Test
  void podDisruptionBudgetOnlyAboveOneReplica() {
    WebSocketBridge bridge = bridge();

    var pdb = PodDisruptionBudgetRenderer.render(bridge).orElseThrow();
    assertOwned(pdb.getMetadata(), "chat");
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", "chat")
        .hasSize(2);

    bridge.getSpec().replicas = 2;
    assertThat(PodDisruptionBudgetRenderer.render(bridge)).isPresent();
    bridge.getSpec().replicas = 1;
    assertThat(PodDisruptionBudgetRenderer.render(bridge)).isEmpty();
    bridge.getSpec().replicas = 0;
    assertThat(PodDisruptionBudgetRenderer.render(bridge)).isEmpty();
  }

  @Test
  void configMapIsImmutableAndHoldsTheFile() {
    WebSocketBridge bridge = bridge();
    RevisionTemplate revision = RevisionRenderer.desired(bridge);

    var configMap = ConfigMapRenderer.render(bridge, revision);

    assertOwned(configMap.getMetadata(), revision.configMapName());
    assertThat(configMap.getImmutable()).isTrue();
    assertThat(configMap.getData()).isEqualTo(Map.of("bridge.yaml", revision.configFile()));
    assertThat(configMap.getMetadata().getLabels())
        .containsEntry("bridge.netra.io/config-hash", revision.configHash());
  }

  @Test
  void controllerRevisionRoundTripsThroughTheApiServer() {
    WebSocketBridge bridge = bridge();
    RevisionTemplate revision = RevisionRenderer.desired(bridge).pinnedTo(TestBridges.DIGEST);

    ControllerRevision stored = ControllerRevisions.render(bridge, revision, 4);
    assertOwned(stored.getMetadata(), "chat-" + revision.name());
    assertThat(stored.getRevision()).isEqualTo(4L);
    assertThat(stored.getMetadata().getLabels())
        .containsEntry("bridge.netra.io/revision", revision.name());

    // What comes back from the API server is JSON, not the objects that were written.
    ControllerRevision fromServer =
        Serialization.unmarshal(Serialization.asJson(stored), ControllerRevision.class);

    assertThat(ControllerRevisions.read(fromServer)).hasValue(revision);
    assertThat(ControllerRevisions.read(stored)).hasValue(revision);
  }

  @Test
  void controllerRevisionThatIsNotOursReadsAsEmpty() {
    ControllerRevision foreign = new ControllerRevision();
    foreign.setMetadata(new ObjectMeta());
    assertThat(ControllerRevisions.read(foreign)).isEmpty();

    foreign.getMetadata().setLabels(Map.of("app", "other"));
    foreign.setData(Map.of("image", "x"));
    assertThat(ControllerRevisions.read(foreign)).isEmpty();

    foreign.getMetadata().setLabels(Map.of("bridge.netra.io/revision", "abc"));
    foreign.setData("not a map");
    assertThat(ControllerRevisions.read(foreign)).isEmpty();

    foreign.setData(Map.of("image", 42));
    assertThat(ControllerRevisions.read(foreign)).isEmpty();
  }
}
