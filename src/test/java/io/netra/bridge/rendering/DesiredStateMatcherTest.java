package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.testing.TestBridges;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DesiredStateMatcherTest {

  private static Deployment desired() {
    WebSocketBridge bridge = TestBridges.full();
    bridge.getSpec().normalized();
    return DeploymentRenderer.render(
        bridge, RevisionRenderer.desired(bridge), Instant.parse("2026-03-01T10:15:30Z"));
  }

  /** The desired Deployment as the API server answers it: defaults, metadata and status added. */
  private static Deployment asStored(Deployment desired) {
    Deployment stored = Serialization.unmarshal(Serialization.asJson(desired), Deployment.class);
    stored.getMetadata().setResourceVersion("4711");
    stored.getMetadata().setUid("9a9a");
    stored.getMetadata().setGeneration(3L);
    stored.getMetadata().setCreationTimestamp("2026-03-01T10:15:31Z");
    stored.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "2");
    stored.getMetadata().getLabels().put("added-by", "someone");
    var pod = stored.getSpec().getTemplate().getSpec();
    pod.setDnsPolicy("ClusterFirst");
    pod.setRestartPolicy("Always");
    pod.setSchedulerName("default-scheduler");
    var container = pod.getContainers().get(0);
    container.setTerminationMessagePath("/dev/termination-log");
    if (container.getTerminationMessagePolicy() == null) {
      container.setTerminationMessagePolicy("File");
    }
    container.getReadinessProbe().setSuccessThreshold(1);
    container.getReadinessProbe().getHttpGet().setScheme("HTTP");
    container.getPorts().get(0).setHostPort(null);
    stored.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(3)
            .withReadyReplicas(2)
            .withObservedGeneration(3L)
            .build());
    return stored;
  }

  @Test
  void serverAddedFieldsAreIgnored() {
    Deployment desired = desired();

    assertThat(DesiredStateMatcher.firstDifference(desired, asStored(desired))).isEmpty();
  }

  @Test
  void changedImageIsDetectedWithItsPath() {
    Deployment desired = desired();
    Deployment stored = asStored(desired);
    stored.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("bridge:other");

    assertThat(DesiredStateMatcher.firstDifference(desired, stored))
        .hasValue("/spec/template/spec/containers/0/image");
  }

  @Test
  void changedReplicasAndAnnotationAreDetected() {
    Deployment desired = desired();
    Deployment stored = asStored(desired);
    stored.getSpec().setReplicas(1);
    assertThat(DesiredStateMatcher.firstDifference(desired, stored)).hasValue("/spec/replicas");

    stored = asStored(desired);
    stored.getMetadata().getAnnotations().remove("bridge.netra.io/revision");
    assertThat(DesiredStateMatcher.firstDifference(desired, stored))
        .hasValue("/metadata/annotations/bridge.netra.io~1revision".replace("~1", "/"));
  }

  @Test
  void extraContainerIsDetected() {
    Deployment desired = desired();
    Deployment stored = asStored(desired);
    stored
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(new ContainerBuilder().withName("sidecar").withImage("envoy").build());

    assertThat(DesiredStateMatcher.firstDifference(desired, stored))
        .hasValue("/spec/template/spec/containers");
  }

  @Test
  void missingObjectIsADifferenceAtTheRoot() {
    assertThat(DesiredStateMatcher.firstDifference(desired(), null)).hasValue("/");
  }

  @Test
  void numbersAndStringsOfTheSameValueMatch() {
    Deployment desired = desired();
    Deployment stored = asStored(desired);
    stored
        .getSpec()
        .getStrategy()
        .getRollingUpdate()
        .setMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString("2"));

    assertThat(DesiredStateMatcher.firstDifference(desired, stored)).isEmpty();
  }
}
