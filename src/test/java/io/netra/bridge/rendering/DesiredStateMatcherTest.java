package io.netra.bridge.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class DesiredStateMatcherTest {

  private static Deployment desired() {
    return RecordedObjects.deployment();
  }

  /**
   * The desired Deployment as a real API server stored it (recorded), plus what others add later:
   * the Deployment controller's revision annotation and status, someone's label.
   */
  private static Deployment asStored(Deployment desired) {
    Deployment stored = RecordedObjects.recorded(RecordedObjects.DEPLOYMENT, Deployment.class);
    stored.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "2");
    stored.getMetadata().getLabels().put("added-by", "someone");
    stored.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(3)
            .withReadyReplicas(2)
            .withObservedGeneration(3L)
            .build());
    return stored;
  }

  @Test
  void theRecordedDeploymentIsTheRenderedOneWithServerDefaults() {
    Deployment recorded = RecordedObjects.recorded(RecordedObjects.DEPLOYMENT, Deployment.class);

    assertThat(DesiredStateMatcher.firstDifference(desired(), recorded)).isEmpty();
    // The recording holds defaults the renderer leaves out, so it proves something.
    assertThat(recorded.getSpec().getTemplate().getSpec().getSchedulerName())
        .isEqualTo("default-scheduler");
    assertThat(recorded.getSpec().getRevisionHistoryLimit()).isNotNull();
  }

  @Test
  void theRecordedControllerRevisionIsTheRenderedOne() {
    ControllerRevision rendered = RecordedObjects.controllerRevision();
    ControllerRevision recorded =
        RecordedObjects.recorded(RecordedObjects.CONTROLLER_REVISION, ControllerRevision.class);

    assertThat(DesiredStateMatcher.firstDifference(rendered, recorded)).isEmpty();
    assertThat(ControllerRevisions.read(recorded)).isEqualTo(ControllerRevisions.read(rendered));
  }

  /**
   * A pod made from the template differs from it only by what admission adds to pods (not to
   * templates): the ServiceAccount token volume and the default not-ready/unreachable tolerations.
   */
  @Test
  void theRecordedPodIsTheTemplateWithAdmissionAdditions() {
    Pod rendered = RecordedObjects.pod();
    Pod recorded = RecordedObjects.recorded(RecordedObjects.POD, Pod.class);
    assertThat(DesiredStateMatcher.firstDifference(rendered, recorded)).isPresent();

    recorded.getSpec().getVolumes().removeIf(v -> v.getName().startsWith("kube-api-access-"));
    recorded
        .getSpec()
        .getContainers()
        .forEach(
            c -> c.getVolumeMounts().removeIf(m -> m.getName().startsWith("kube-api-access-")));
    recorded
        .getSpec()
        .getTolerations()
        .removeIf(
            t ->
                t.getTolerationSeconds() != null
                    && t.getKey().startsWith("node.kubernetes.io/")
                    && "NoExecute".equals(t.getEffect()));

    assertThat(DesiredStateMatcher.firstDifference(rendered, recorded)).isEmpty();
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
