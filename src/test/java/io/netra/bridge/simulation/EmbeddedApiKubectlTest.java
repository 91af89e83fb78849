package io.netra.bridge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.runtime.BridgeCrd;
import io.netra.bridge.testing.Kubectl;
import io.netra.bridge.testing.RequiredTool;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain kubectl against the embedded API: discovery, short names, printer columns, apply. */
class EmbeddedApiKubectlTest {
  static EmbeddedApiServer api;
  static KubernetesClient client;
  @TempDir static Path dir;
  static Kubectl kubectl;

  @BeforeAll
  static void start() {
    RequiredTool.requireKubectl();
    api = EmbeddedApiServer.start();
    api.applyCrd(BridgeCrd.load());
    client = api.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build())
        .create();
    kubectl = new Kubectl(api.writeKubeconfig(dir.resolve("kubeconfig"), "demo"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      client.close();
      api.close();
    }
  }

  @Test
  void applyCreatesTheBridgeAndApplyingItAgainChangesNothing() throws Exception {
    String example = Path.of("src/test/resources/examples/chat.yaml").toString();
    Kubectl.Result created = kubectl.run("apply", "--validate=false", "-f", example);
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.stdout()).contains("websocketbridge.bridge.netra.io/chat created");
    WebSocketBridge stored =
        client.resources(WebSocketBridge.class).inNamespace("demo").withName("chat").get();
    assertThat(stored.getSpec().image).isEqualTo("gcr.io/netra-staging/netra-backend:1.4.0");

    Kubectl.Result again = kubectl.run("apply", "--validate=false", "-f", example);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout()).contains("chat unchanged");
  }

  @Test
  void getByShortNameShowsThePrinterColumns() throws Exception {
    ensureBridge("columns");
    client
        .resources(WebSocketBridge.class)
        .inNamespace("demo")
        .withName("columns")
        .editStatus(
            b -> {
              b.getStatus().phase = io.netra.bridge.model.Phase.Ready;
              b.getStatus().readyReplicas = 2;
              return b;
            });

    Kubectl.Result get = kubectl.run("get", "wsb");
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout().lines().findFirst().orElse(""))
        .contains("NAME", "PHASE", "READY", "DESIRED", "SERVING", "AGE")
        .doesNotContain("DIGEST");
    assertThat(get.stdout()).containsPattern("columns\\s+\\S+\\s+2\\s+Ready\\s+2");
    Kubectl.Result wide = kubectl.run("get", "websocketbridges", "-o", "wide");
    assertThat(wide.stdout().lines().findFirst().orElse("")).contains("DIGEST");
  }

  @Test
  void describeShowsTheSpec() throws Exception {
    ensureBridge("described");
    Kubectl.Result describe = kubectl.run("describe", "wsb", "described");
    assertThat(describe.exitCode()).as(describe.stderr()).isZero();
    assertThat(describe.stdout())
        .contains("Name:         described")
        .contains("Kind:         WebSocketBridge")
        .contains("gcr.io/netra-staging/netra-backend:1.4.0");
  }

  @Test
  void discoveryListsBuiltInKindsAndTheBridge() throws Exception {
    Kubectl.Result resources = kubectl.run("api-resources");
    assertThat(resources.exitCode()).as(resources.stderr()).isZero();
    assertThat(resources.stdout())
        .containsPattern("websocketbridges\\s+wsb\\s+bridge.netra.io/v1alpha1\\s+true")
        .contains("deployments")
        .contains("leases");
    Kubectl.Result version = kubectl.run("version", "-o", "json");
    assertThat(version.stdout()).contains("\"serverVersion\"");
  }

  private static void ensureBridge(String name) {
    WebSocketBridge bridge = new WebSocketBridge();
    bridge.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("demo")
            .build());
    bridge.setSpec(new io.netra.bridge.model.WebSocketBridgeSpec());
    bridge.getSpec().image = "gcr.io/netra-staging/netra-backend:1.4.0";
    bridge.getSpec().replicas = 2;
    if (client.resource(bridge).get() == null) {
      Objects.requireNonNull(client.resource(bridge).create());
    }
  }
}
