package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index changes how objects are found, never what a client sees. */
class IndexedCrudDispatcherTest {
  private EmbeddedApiServer api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start();
    client = api.client();
    for (String ns : new String[] {"a", "b"}) {
      client
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  private static ConfigMap configMap(String ns, String name, String label) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .addToLabels("tier", label)
        .endMetadata()
        .addToData("k", name)
        .build();
  }

  @Test
  void getsListsAndSelectsLikeAScan() {
    client.resource(configMap("a", "one", "x")).create();
    client.resource(configMap("a", "two", "y")).create();
    client.resource(configMap("b", "one", "x")).create();

    assertThat(client.configMaps().inNamespace("b").withName("one").get().getData())
        .containsEntry("k", "one");
    assertThat(client.configMaps().inNamespace("b").withName("two").get()).isNull();
    assertThat(client.configMaps().inNamespace("a").list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("one", "two");
    assertThat(client.configMaps().inAnyNamespace().withLabel("tier", "x").list().getItems())
        .extracting(c -> c.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(client.configMaps().inNamespace("a").list().getMetadata().getResourceVersion())
        .isNotBlank();
  }

  @Test
  void anUpdatedObjectIsFoundUnderItsNewLabelsAndAStaleWriteConflicts() {
    ConfigMap created = client.resource(configMap("a", "one", "x")).create();
    ConfigMap changed =
        new ConfigMapBuilder(created).editMetadata().addToLabels("tier", "z").endMetadata().build();
    client.resource(changed).update();

    assertThat(client.configMaps().inNamespace("a").withLabel("tier", "x").list().getItems())
        .isEmpty();
    assertThat(client.configMaps().inNamespace("a").withLabel("tier", "z").list().getItems())
        .hasSize(1);
    assertThatThrownBy(() -> client.resource(changed).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
  }

  @Test
  void aCreateOfAnExistingNameConflictsAndADeletedObjectIsGone() {
    client.resource(configMap("a", "one", "x")).create();
    assertThatThrownBy(() -> client.resource(configMap("a", "one", "x")).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

    assertThat(client.configMaps().inNamespace("a").withName("one").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace("a").withName("one").get()).isNull();
    assertThat(client.configMaps().inNamespace("a").list().getItems()).isEmpty();
    client.resource(configMap("a", "one", "x")).create();
    assertThat(client.configMaps().inNamespace("a").withName("one").get()).isNotNull();
  }

  @Test
  void anObjectWithAFinalizerIsOnlyMarkedForDeletion() {
    ConfigMap held = configMap("a", "held", "x");
    held.getMetadata().setFinalizers(java.util.List.of("example.com/hold"));
    client.resource(held).create();

    client.configMaps().inNamespace("a").withName("held").delete();

    ConfigMap after = client.configMaps().inNamespace("a").withName("held").get();
    assertThat(after).isNotNull();
    assertThat(after.getMetadata().getDeletionTimestamp()).isNotBlank();
  }

  @Test
  void aListIsServedInPagesInNamespaceAndNameOrder() {
    for (String name : new String[] {"e", "b", "d", "a", "c"}) {
      client.resource(configMap("b", name, "x")).create();
    }
    client.resource(configMap("a", "z", "x")).create();

    var first =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel("tier", "x")
            .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(4L).build());
    assertThat(first.getItems())
        .extracting(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())
        .containsExactly("a/z", "b/a", "b/b", "b/c");
    assertThat(first.getMetadata().getContinue()).isNotBlank();

    var second =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel("tier", "x")
            .list(
                new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit(4L)
                    .withContinue(first.getMetadata().getContinue())
                    .build());
    assertThat(second.getItems())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("d", "e");
    assertThat(second.getMetadata().getContinue()).isNullOrEmpty();
  }

  @Test
  void anInformerThatListsInPagesSeesEveryObject() throws Exception {
    for (int i = 0; i < 12; i++) {
      client.resource(configMap("a", "cm" + i, "x")).create();
    }
    var informer = client.configMaps().inNamespace("a").withLimit(5L).inform();
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .until(() -> informer.getStore().list().size() == 12);
    } finally {
      informer.close();
    }
  }

  @Test
  void deploymentStatusIsKeptOnAnUpdateAndWrittenOnlyThroughTheStatusSubresource() {
    Deployment created =
        client
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withNamespace("a")
                    .withName("d")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .endSpec()
                    .build())
            .create();

    created.setStatus(new DeploymentStatusBuilder().withReadyReplicas(7).build());
    Deployment updated = client.resource(created).update();
    assertThat(updated.getStatus() == null ? null : updated.getStatus().getReadyReplicas())
        .isNull();

    updated.setStatus(new DeploymentStatusBuilder().withReadyReplicas(1).build());
    client.resource(updated).updateStatus();
    Deployment stored = client.apps().deployments().inNamespace("a").withName("d").get();
    assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(1);
    stored.getSpec().setReplicas(2);
    stored.setStatus(null);
    assertThat(client.resource(stored).update().getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void aPodOnANodeIsMarkedForDeletionAndOneWithoutANodeOrWithGraceZeroGoesAtOnce() {
    client.resource(pod("on-node", "sim-node-1")).create();
    client.resource(pod("unscheduled", null)).create();
    client.resource(pod("forced", "sim-node-1")).create();

    client.pods().inNamespace("a").withName("on-node").delete();
    client.pods().inNamespace("a").withName("unscheduled").delete();
    client.pods().inNamespace("a").withName("forced").withGracePeriod(0).delete();

    Pod marked = client.pods().inNamespace("a").withName("on-node").get();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
    assertThat(client.pods().inNamespace("a").withName("unscheduled").get()).isNull();
    assertThat(client.pods().inNamespace("a").withName("forced").get()).isNull();
  }

  private static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("a")
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("c")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .build();
  }
}
