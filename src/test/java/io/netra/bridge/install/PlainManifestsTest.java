package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/websocket-bridge-operator.yaml} is the chart rendered with its default values, in
 * the namespace {@code websocket-bridge-operator}, after a Namespace object. The CRD is not in it:
 * apply {@code crds/} first (its lifecycle differs: never deleted with the operator).
 */
class PlainManifestsTest {
  static final String REGENERATE_PROPERTY = "regenerate.deploy";

  static String expected() {
    return """
        # The WebSocketBridge operator without Helm: the chart in helm/websocket-bridge-operator
        # rendered with its default values. Generated; do not edit. Regenerate with:
        #   mvn -o -B test -Dtest=PlainManifestsTest -D%s=true
        # The CRD is not included: apply it first with
        #   kubectl apply --server-side -f crds/websocketbridges.bridge.netra.io-v1.yml
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: latest
        """
            .formatted(REGENERATE_PROPERTY, Chart.NAMESPACE)
        + Chart.template(Map.of());
  }

  @Test
  void plainManifestsAreTheRenderedChart() throws IOException {
    String expected = expected();
    if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
      Files.createDirectories(InstallFiles.PLAIN_MANIFESTS.getParent());
      Files.writeString(InstallFiles.PLAIN_MANIFESTS, expected, StandardCharsets.UTF_8);
    }
    assertThat(InstallFiles.read(InstallFiles.PLAIN_MANIFESTS))
        .as(
            "%s is out of date with the chart. Regenerate it with:%n"
                + "  mvn -o -B test -Dtest=PlainManifestsTest -D%s=true",
            InstallFiles.PLAIN_MANIFESTS, REGENERATE_PROPERTY)
        .isEqualTo(expected);
  }

  @Test
  void plainManifestsHoldTheOperatorButNotTheCrd() {
    var objects = Chart.objects(InstallFiles.read(InstallFiles.PLAIN_MANIFESTS));
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("Namespace", "ServiceAccount", "ClusterRole", "Deployment")
        .doesNotContain("CustomResourceDefinition");
    objects.stream()
        .filter(o -> !o.getKind().startsWith("Cluster") && !o.getKind().equals("Namespace"))
        .forEach(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE));
  }
}
