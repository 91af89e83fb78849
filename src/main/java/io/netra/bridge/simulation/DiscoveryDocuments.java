package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDR;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The discovery documents of the embedded API: the built-in kinds the operator and the simulated
 * cluster use, plus every custom resource definition registered with {@link #register}.
 */
final class DiscoveryDocuments {
  static final String KUBERNETES_MINOR = "32";

  private final List<ApiResourceKind> kinds = new CopyOnWriteArrayList<>(builtIns());

  void register(List<ApiResourceKind> more) {
    for (ApiResourceKind kind : more) {
      kinds.removeIf(
          k ->
              k.group().equals(kind.group())
                  && k.version().equals(kind.version())
                  && k.plural().equals(kind.plural()));
      kinds.add(kind);
    }
  }

  List<ApiResourceKind> kinds() {
    return List.copyOf(kinds);
  }

  Optional<ApiResourceKind> find(String group, String version, String plural) {
    return kinds.stream()
        .filter(
            k ->
                k.group().equals(group) && k.version().equals(version) && k.plural().equals(plural))
        .findFirst();
  }

  String version() {
    return Serialization.asJson(
        Map.of(
            "major",
            "1",
            "minor",
            KUBERNETES_MINOR,
            "gitVersion",
            "v1." + KUBERNETES_MINOR + ".0-embedded",
            "gitCommit",
            "embedded",
            "gitTreeState",
            "clean",
            "buildDate",
            "2025-01-01T00:00:00Z",
            "goVersion",
            "go1.23",
            "compiler",
            "gc",
            "platform",
            "linux/amd64"));
  }

  String coreVersions(String serverAddress) {
    return Serialization.asJson(
        new APIVersionsBuilder()
            .withVersions("v1")
            .withServerAddressByClientCIDRs(
                new ServerAddressByClientCIDR("0.0.0.0/0", serverAddress))
            .build());
  }

  String groups() {
    return Serialization.asJson(new APIGroupListBuilder().withGroups(groupList()).build());
  }

  Optional<String> group(String name) {
    return groupList().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .map(Serialization::asJson);
  }

  /** The APIResourceList of a group version ({@code v1} for the core group), if it is served. */
  Optional<String> resources(String group, String version) {
    List<APIResource> resources = new ArrayList<>();
    for (ApiResourceKind k : kinds) {
      if (!k.group().equals(group) || !k.version().equals(version)) {
        continue;
      }
      resources.add(
          new APIResourceBuilder()
              .withName(k.plural())
              .withSingularName(k.singular())
              .withKind(k.kind())
              .withNamespaced(k.namespaced())
              .withVerbs(ApiResourceKind.VERBS)
              .withShortNames(k.shortNames().isEmpty() ? null : k.shortNames())
              .withCategories(k.columns().isEmpty() ? null : List.of("all"))
              .build());
      if (k.hasStatus()) {
        resources.add(
            new APIResourceBuilder()
                .withName(k.plural() + "/status")
                .withSingularName("")
                .withKind(k.kind())
                .withNamespaced(k.namespaced())
                .withVerbs("get", "patch", "update")
                .build());
      }
    }
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Serialization.asJson(
            new APIResourceListBuilder()
                .withGroupVersion(group.isEmpty() ? version : group + "/" + version)
                .withResources(resources)
                .build()));
  }

  private List<APIGroup> groupList() {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    for (ApiResourceKind k : kinds) {
      if (!k.group().isEmpty()) {
        List<String> list = versions.computeIfAbsent(k.group(), g -> new ArrayList<>());
        if (!list.contains(k.version())) {
          list.add(k.version());
        }
      }
    }
    List<APIGroup> groups = new ArrayList<>();
    versions.forEach(
        (name, served) -> {
          List<GroupVersionForDiscovery> gvs =
              served.stream().map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
          groups.add(
              new APIGroupBuilder()
                  .withName(name)
                  .withVersions(gvs)
                  .withPreferredVersion(gvs.get(0))
                  .build());
        });
    return groups;
  }

  private static List<ApiResourceKind> builtIns() {
    return List.of(
        ApiResourceKind.builtIn("", "v1", "namespaces", "Namespace", false, true, "ns"),
        ApiResourceKind.builtIn("", "v1", "pods", "Pod", true, true, "po"),
        ApiResourceKind.builtIn("", "v1", "services", "Service", true, true, "svc"),
        ApiResourceKind.builtIn("", "v1", "configmaps", "ConfigMap", true, false, "cm"),
        ApiResourceKind.builtIn("", "v1", "secrets", "Secret", true, false),
        ApiResourceKind.builtIn("", "v1", "serviceaccounts", "ServiceAccount", true, false, "sa"),
        ApiResourceKind.builtIn("", "v1", "events", "Event", true, false, "ev"),
        ApiResourceKind.builtIn("apps", "v1", "deployments", "Deployment", true, true, "deploy"),
        ApiResourceKind.builtIn("apps", "v1", "replicasets", "ReplicaSet", true, true, "rs"),
        ApiResourceKind.builtIn(
            "apps", "v1", "controllerrevisions", "ControllerRevision", true, false),
        ApiResourceKind.builtIn(
            "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, true, "pdb"),
        ApiResourceKind.builtIn("coordination.k8s.io", "v1", "leases", "Lease", true, false),
        ApiResourceKind.builtIn(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "CustomResourceDefinition",
            false,
            true,
            "crd",
            "crds"));
  }
}
