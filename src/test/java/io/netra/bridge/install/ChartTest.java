package io.netra.bridge.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Helm chart lints strictly and renders least-privilege RBAC and a restricted pod. */
class ChartTest {
  /**
   * What the operator does with the API, as "group/resource: verbs" (the issue's contract), checked
   * against the calls it really makes by {@code reliability.RbacMatchesTheChartTest}.
   */
  static final Set<String> OPERATOR_RULES =
      Set.of(
          "bridge.netra.io/websocketbridges: list,watch",
          "bridge.netra.io/websocketbridges/status: update",
          "bridge.netra.io/websocketbridges/finalizers: update",
          "apps/deployments: create,get,list,update,watch",
          "apps/controllerrevisions: create,delete,get,list,watch",
          "/services: create,get,list,update,watch",
          "/configmaps: create,delete,get,list,watch",
          "policy/poddisruptionbudgets: create,delete,get,list,update,watch",
          "/pods: list,watch",
          "/events: create");

  static final String LEASE_RULE = "coordination.k8s.io/leases: create,get,patch,update";
  static final String DIGEST = "sha256:" + "a1".repeat(32);

  static final Map<String, Object> NAMESPACED =
      Map.of("rbac.namespaced", true, "watchNamespaces", List.of("team-a", "team-b"));

  @Test
  void lintsStrictly() {
    LintResult result = new Helm(InstallFiles.CHART).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void defaultsRenderAClusterWideOperator() {
    List<HasMetadata> objects = Chart.objects(Chart.template(Map.of()));
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
    assertThat(rules(Chart.one(objects, ClusterRole.class).getRules()))
        .containsExactlyInAnyOrderElementsOf(OPERATOR_RULES);
    ClusterRoleBinding binding = Chart.one(objects, ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName())
        .isEqualTo(Chart.one(objects, ClusterRole.class).getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName())
                  .isEqualTo(Chart.one(objects, ServiceAccount.class).getMetadata().getName());
              assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
            });
    assertLeaseRoleOnly(objects);
    Deployment deployment = Chart.one(objects, Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(container(deployment).getArgs())
        .containsExactly(
            "--metrics-port=8080",
            "--log-format=json",
            "--leader-election",
            "--lease-name=websocket-bridge-operator",
            "--lease-namespace=" + Chart.NAMESPACE);
    assertThat(container(deployment).getImage())
        .isEqualTo("ghcr.io/netra/websocket-bridge-operator:0.1.0");
  }

  @Test
  void namespacedModeRendersARolePerWatchedNamespaceAndNoClusterRole() {
    List<HasMetadata> objects = Chart.objects(Chart.template(NAMESPACED));
    assertThat(Chart.all(objects, ClusterRole.class)).isEmpty();
    assertThat(Chart.all(objects, ClusterRoleBinding.class)).isEmpty();
    List<Role> operatorRoles =
        Chart.all(objects, Role.class).stream()
            .filter(r -> !r.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(operatorRoles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    operatorRoles.forEach(
        r -> assertThat(rules(r.getRules())).containsExactlyInAnyOrderElementsOf(OPERATOR_RULES));
    List<RoleBinding> bindings =
        Chart.all(objects, RoleBinding.class).stream()
            .filter(b -> !b.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(bindings)
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    bindings.forEach(
        b -> {
          assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
          assertThat(b.getSubjects().get(0).getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
    assertLeaseRoleOnly(objects);
    assertThat(container(Chart.one(objects, Deployment.class)).getArgs())
        .contains("--namespaces=team-a,team-b");
  }

  @Test
  void namespacedModeWithoutNamespacesIsRefused() {
    assertThatThrownBy(() -> Chart.template(Map.of("rbac.namespaced", true)))
        .hasMessageContaining("rbac.namespaced=true needs watchNamespaces");
  }

  @Test
  void watchedNamespacesWithClusterRbacStillUseTheClusterRole() {
    List<HasMetadata> objects =
        Chart.objects(Chart.template(Map.of("watchNamespaces", List.of("a"))));
    assertThat(Chart.all(objects, ClusterRole.class)).hasSize(1);
    assertThat(container(Chart.one(objects, Deployment.class)).getArgs())
        .contains("--namespaces=a");
  }

  @Test
  void podIsRestricted() {
    Deployment deployment = Chart.one(Chart.objects(Chart.template(Map.of())), Deployment.class);
    PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isNotNull().isNotZero();
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container container = container(deployment);
    SecurityContext sc = container.getSecurityContext();
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getPrivileged()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(deployment.getSpec().getTemplate().getSpec().getHostNetwork()).isNotEqualTo(true);

    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("metrics");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("metrics");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("metrics");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertThat(container.getCommand())
        .containsExactly("java", "-jar", "/app/websocket-bridge-operator.jar");
  }

  @Test
  void digestTakesPrecedenceOverTag() {
    Deployment deployment =
        Chart.one(
            Chart.objects(Chart.template(Map.of("image.tag", "9.9.9", "image.digest", DIGEST))),
            Deployment.class);
    assertThat(container(deployment).getImage())
        .isEqualTo("ghcr.io/netra/websocket-bridge-operator@" + DIGEST);
  }

  @Test
  void malformedDigestIsRefused() {
    assertThatThrownBy(() -> Chart.template(Map.of("image.digest", "sha256:abc")))
        .hasMessageContaining("image.digest must be sha256:");
  }

  @Test
  void tagIsUsedWithoutDigest() {
    Deployment deployment =
        Chart.one(Chart.objects(Chart.template(Map.of("image.tag", "9.9.9"))), Deployment.class);
    assertThat(container(deployment).getImage())
        .isEqualTo("ghcr.io/netra/websocket-bridge-operator:9.9.9");
  }

  @Test
  void metricsServiceSelectsTheOperatorPods() {
    List<HasMetadata> objects = Chart.objects(Chart.template(Map.of()));
    Service service = Chart.one(objects, Service.class);
    Deployment deployment = Chart.one(objects, Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("metrics");
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("metrics");
            });
  }

  @Test
  void serviceMonitorIsOptional() {
    assertThat(Chart.byKind(Chart.objects(Chart.template(Map.of())), "ServiceMonitor")).isEmpty();
    List<HasMetadata> objects =
        Chart.objects(Chart.template(Map.of("serviceMonitor.enabled", true)));
    HasMetadata monitor = Chart.byKind(objects, "ServiceMonitor").orElseThrow();
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
  }

  @Test
  void leaderElectionOffWithOneReplicaGrantsNoLease() {
    List<HasMetadata> objects =
        Chart.objects(Chart.template(Map.of("leaderElection.enabled", false, "replicas", 1)));
    assertThat(Chart.all(objects, Role.class)).isEmpty();
    assertThat(container(Chart.one(objects, Deployment.class)).getArgs())
        .noneMatch(a -> a.startsWith("--lease") || a.equals("--leader-election"));
  }

  @Test
  void severalReplicasWithoutLeaderElectionAreRefused() {
    assertThatThrownBy(() -> Chart.template(Map.of("leaderElection.enabled", false)))
        .hasMessageContaining("needs leaderElection.enabled=true");
  }

  private static void assertLeaseRoleOnly(List<HasMetadata> objects) {
    List<Role> leaseRoles =
        Chart.all(objects, Role.class).stream()
            .filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(leaseRoles).hasSize(1);
    assertThat(leaseRoles.get(0).getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(rules(leaseRoles.get(0).getRules())).containsExactly(LEASE_RULE);
  }

  /** Rules flattened to "group/resource: sorted verbs", one entry per resource. */
  static List<String> rules(List<PolicyRule> rules) {
    return rules.stream()
        .flatMap(
            r -> {
              assertThat(r.getResourceNames()).as("resourceNames").isNullOrEmpty();
              assertThat(r.getNonResourceURLs()).as("nonResourceURLs").isNullOrEmpty();
              assertThat(r.getVerbs()).doesNotContain("*", "deletecollection");
              return r.getApiGroups().stream()
                  .flatMap(
                      g ->
                          r.getResources().stream()
                              .map(
                                  res ->
                                      g
                                          + "/"
                                          + res
                                          + ": "
                                          + String.join(",", new TreeSet<>(r.getVerbs()))));
            })
        .toList();
  }

  private static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }
}
