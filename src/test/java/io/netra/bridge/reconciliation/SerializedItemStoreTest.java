package io.netra.bridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netra.bridge.model.WebSocketBridge;
import org.junit.jupiter.api.Test;

class SerializedItemStoreTest {
  private final SerializedItemStore<Deployment> store = new SerializedItemStore<>(Deployment.class);

  private static Deployment deployment(String resourceVersion) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("chat")
        .withNamespace("ns")
        .withResourceVersion(resourceVersion)
        .addToAnnotations("bridge.netra.io/revision", "r1")
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewStrategy()
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("bridge")
        .withImage("ghcr.io/netra/bridge:1")
        .withNewResources()
        .addToRequests("memory", new Quantity("128Mi"))
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void givesBackAnEqualObject() {
    Deployment original = deployment("1");
    String key = store.getKey(original);
    assertThat(key).isEqualTo("ns/chat");

    assertThat(store.put(key, original)).isNull();

    assertThat(store.get(key)).isEqualTo(original);
    assertThat(store.values()).containsExactly(original);
    assertThat(store.keySet()).containsExactly("ns/chat");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void eachReadIsACopyThatCannotChangeTheCache() {
    String key = store.getKey(deployment("1"));
    store.put(key, deployment("1"));

    store.get(key).getSpec().setReplicas(7);

    assertThat(store.get(key).getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void replacingAndRemovingReturnThePreviousObject() {
    String key = store.getKey(deployment("1"));
    store.put(key, deployment("1"));

    assertThat(store.put(key, deployment("2")).getMetadata().getResourceVersion()).isEqualTo("1");
    assertThat(store.remove(key).getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(store.get(key)).isNull();
    assertThat(store.remove(key)).isNull();
  }

  @Test
  void keepsOnlyWhatTheTrimmingLeaves() {
    SerializedItemStore<Deployment> trimmed =
        new SerializedItemStore<>(
            Deployment.class, d -> new DeploymentBuilder(d).withSpec(null).build());
    String key = trimmed.getKey(deployment("1"));
    trimmed.put(key, deployment("1"));

    assertThat(trimmed.get(key).getSpec()).isNull();
    assertThat(trimmed.get(key).getMetadata().getAnnotations())
        .containsEntry("bridge.netra.io/revision", "r1");
  }

  @Test
  void aBridgeWhoseSpecCouldNotBeReadStaysMarkedUnreadable() {
    WebSocketBridge bridge =
        new KubernetesSerialization()
            .unmarshal(
                "{\"apiVersion\":\"bridge.netra.io/v1alpha1\",\"kind\":\"WebSocketBridge\","
                    + "\"metadata\":{\"name\":\"typed-wrong\",\"namespace\":\"ns\"},"
                    + "\"spec\":{\"image\":\"ghcr.io/netra/bridge:1\",\"replicas\":\"abc\"}}",
                WebSocketBridge.class);
    assertThat(bridge.getSpec().unreadable).isNotNull();
    SerializedItemStore<WebSocketBridge> bridges = new SerializedItemStore<>(WebSocketBridge.class);

    bridges.put("ns/typed-wrong", bridge);

    WebSocketBridge read = bridges.get("ns/typed-wrong");
    assertThat(read.getSpec().unreadable).isNotNull();
    assertThat(read.getSpec().unreadable.field()).isEqualTo(bridge.getSpec().unreadable.field());
  }
}
