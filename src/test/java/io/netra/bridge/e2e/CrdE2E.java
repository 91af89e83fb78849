package io.netra.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netra.bridge.install.InstallFiles;
import io.netra.bridge.testing.Kubectl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD on a real API server: installed with {@code kubectl apply --server-side}, every bad
 * resource of the corpus refused by the server's own schema and CEL validation with the CRD's
 * message, every example accepted by kubectl with client-side validation on, and {@code kubectl
 * explain} served from the published OpenAPI.
 */
class CrdE2E {
  private static E2ECluster cluster;
  private static String namespace;

  @BeforeAll
  static void cluster() {
    cluster = E2ECluster.get();
    namespace = cluster.newNamespace("crd", Map.of());
  }

  static Stream<Path> badFiles() {
    return InstallFiles.yamlFiles(InstallFiles.BAD_BRIDGES).stream();
  }

  static Stream<Path> examples() {
    return InstallFiles.yamlFiles(InstallFiles.EXAMPLES).stream()
        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
        .filter(p -> !p.getFileName().toString().endsWith("-patch.yaml"));
  }

  @Test
  void theCrdIsEstablishedAndServedWithItsShortName() {
    String resources = cluster.kubectl.ok("api-resources", "--api-group=bridge.netra.io");
    assertThat(resources).contains("websocketbridges").contains("wsb").contains("WebSocketBridge");
  }

  @Test
  void applyingTheCrdAgainServerSideChangesNothing() {
    String out =
        cluster.kubectl.ok(
            "apply", "--server-side", "--field-manager=e2e", "-f", InstallFiles.CRD.toString());
    assertThat(out).contains("serverside-applied");
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void theServerRefusesEveryBadResourceWithTheCrdsMessage(Path file) {
    String yaml = InstallFiles.read(file);
    Kubectl.Result result =
        cluster.kubectl.runWithInput(
            yaml, "create", "-n", namespace, "--validate=false", "-f", "-");
    assertThat(result.exitCode()).as("kubectl create of %s: %s", file, result.output()).isNotZero();
    assertThat(result.stderr()).as("refused by the server").contains("is invalid");
    assertThat(result.stderr()).contains(expectedServerMessage(yaml));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAcceptedWithClientSideValidationOn(Path file) {
    InstallFiles.yamlDocuments(InstallFiles.read(file)).stream()
        .map(doc -> doc.path("metadata").path("namespace").asText(""))
        .filter(ns -> !ns.isEmpty())
        .forEach(cluster::ensureNamespace);
    Kubectl.Result result =
        cluster.kubectl.run(
            "apply", "--validate=strict", "--dry-run=server", "-f", file.toString());
    assertThat(result.exitCode()).as("kubectl apply of %s: %s", file, result.output()).isZero();
  }

  @Test
  void theProductionOverlayIsAcceptedThroughKustomize() {
    cluster.ensureNamespace("chat-production");
    Kubectl.Result result =
        cluster.kubectl.run(
            "apply",
            "--validate=strict",
            "--dry-run=server",
            "-k",
            InstallFiles.EXAMPLES.resolve("gitops/overlays/production").toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void kubectlExplainDescribesTheRolloutSettings() {
    String out = cluster.kubectl.ok("explain", "websocketbridges.spec.rollout");
    assertThat(out)
        .contains("KIND:", "WebSocketBridge")
        .contains("progressDeadlineSeconds")
        .contains("autoRollback");
  }

  @Test
  void kubectlGetShowsThePrinterColumns() {
    cluster.kubectl.ok(
        "apply", "-n", namespace, "-f", InstallFiles.EXAMPLES.resolve("minimal.yaml").toString());
    String out = cluster.kubectl.ok("get", "wsb", "-n", namespace);
    List<String> header = List.of(out.lines().findFirst().orElse("").trim().split("\\s+"));
    assertThat(header).contains("NAME", "AGE");
    assertThat(header.size()).as("columns besides NAME and AGE: %s", header).isGreaterThan(2);
  }

  /**
   * What the server says: the {@code # server:} header where the real API server words a message
   * differently from the JSON-schema validator of the unit tier, else the {@code # schema:} one.
   */
  private static String expectedServerMessage(String yaml) {
    return header(yaml, "server").or(() -> header(yaml, "schema")).orElseThrow();
  }

  private static java.util.Optional<String> header(String yaml, String key) {
    return yaml.lines()
        .filter(l -> l.startsWith("# " + key + ": "))
        .map(l -> l.substring(("# " + key + ": ").length()).trim())
        .findFirst();
  }
}
