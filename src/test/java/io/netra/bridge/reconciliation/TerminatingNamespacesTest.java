package io.netra.bridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.netra.bridge.model.WebSocketBridge;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerminatingNamespacesTest {

  /** What a real API server answers to a create in a namespace being deleted. */
  private static KubernetesClientException refused(int code, String causeType) {
    Status status =
        new StatusBuilder()
            .withCode(code)
            .withReason("Forbidden")
            .withMessage(
                "deployments.apps \"chat\" is forbidden: unable to create new content in namespace"
                    + " team-a because it is being terminated")
            .withNewDetails()
            .withName("chat")
            .withKind("deployments")
            .addNewCause()
            .withReason(causeType)
            .withField("metadata.namespace")
            .endCause()
            .endDetails()
            .build();
    return new KubernetesClientException(status);
  }

  private static WebSocketBridge bridge(String uid) {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(
        new ObjectMetaBuilder().withNamespace("team-a").withName("chat").withUid(uid).build());
    return bridge;
  }

  @Test
  void aCreateRefusedBecauseTheNamespaceIsTerminatingIsRecognised() {
    assertThat(
            TerminatingNamespaces.refusedBecauseTerminating(refused(403, "NamespaceTerminating")))
        .isTrue();
  }

  @Test
  void otherRefusalsAreNot() {
    assertThat(TerminatingNamespaces.refusedBecauseTerminating(refused(403, "FieldValueInvalid")))
        .isFalse();
    assertThat(
            TerminatingNamespaces.refusedBecauseTerminating(refused(409, "NamespaceTerminating")))
        .isFalse();
    assertThat(
            TerminatingNamespaces.refusedBecauseTerminating(
                new KubernetesClientException("forbidden", 403, null)))
        .isFalse();
  }

  @Test
  void aBridgeOfTheSameNameInANamespaceCreatedAgainIsServed() {
    TerminatingNamespaces terminating = new TerminatingNamespaces();
    terminating.remember(bridge("uid-1"));

    assertThat(terminating.contains(bridge("uid-1"))).isTrue();
    assertThat(terminating.contains(bridge("uid-2"))).isFalse();
  }

  @Test
  void deletedBridgesAreForgotten() {
    TerminatingNamespaces terminating = new TerminatingNamespaces();
    terminating.remember(bridge("uid-1"));

    terminating.retainOnly(Set.of(new ResourceID("other", "team-a")));

    assertThat(terminating.contains(bridge("uid-1"))).isFalse();
  }
}
