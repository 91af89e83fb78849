package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind the embedded API stores, as discovery describes it to clients such as kubectl.
 *
 * @param group empty for the core group
 * @param columns the printer columns of a custom resource; empty for built-in kinds
 */
record ApiResourceKind(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    boolean hasStatus,
    List<CustomResourceColumnDefinition> columns) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  static ApiResourceKind builtIn(
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      boolean hasStatus,
      String... shortNames) {
    return new ApiResourceKind(
        group,
        version,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        kind,
        namespaced,
        List.of(shortNames),
        hasStatus,
        List.of());
  }

  /** One entry per served version of the CRD. */
  static List<ApiResourceKind> of(CustomResourceDefinition crd) {
    var names = crd.getSpec().getNames();
    List<ApiResourceKind> kinds = new ArrayList<>();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      if (Boolean.FALSE.equals(version.getServed())) {
        continue;
      }
      kinds.add(
          new ApiResourceKind(
              crd.getSpec().getGroup(),
              version.getName(),
              names.getPlural(),
              names.getSingular() == null ? names.getKind().toLowerCase() : names.getSingular(),
              names.getKind(),
              "Namespaced".equals(crd.getSpec().getScope()),
              names.getShortNames() == null ? List.of() : List.copyOf(names.getShortNames()),
              version.getSubresources() != null && version.getSubresources().getStatus() != null,
              version.getAdditionalPrinterColumns() == null
                  ? List.of()
                  : List.copyOf(version.getAdditionalPrinterColumns())));
    }
    return kinds;
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
