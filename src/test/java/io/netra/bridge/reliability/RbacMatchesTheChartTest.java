package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.runtime.OperatorProcess;
import io.netra.bridge.runtime.RunSettings;
import io.netra.bridge.simulation.ImageBehaviour;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 11: the RBAC rules of the Helm chart are exactly what the operator calls. A
 * representative workload runs through the real operator (leader election on) on a recording
 * client; every request is mapped to a Kubernetes (API group, resource[/subresource], verb) and the
 * set is compared with the rules the chart grants with its default values (cluster-wide: the
 * ClusterRole and the leader-election Role). Pass: nothing used that is not granted, nothing
 * granted that is not used, except the exceptions listed below with their reasons.
 */
class RbacMatchesTheChartTest {
  static final Path CHART = Path.of("helm/websocket-bridge-operator");
  static final String GOOD = "ghcr.io/netra/bridge:60.0.0";
  static final String BAD = "ghcr.io/netra/bridge:60.1.0";

  /** Granted by the chart but not exercised by the workload, and why that is right. */
  static final Map<String, String> GRANTED_BUT_NOT_EXERCISED = notExercised();

  private static Map<String, String> notExercised() {
    return Map.of(
        "bridge.netra.io/websocketbridges/finalizers: update",
        "asked by the API server, not sent: the OwnerReferencesPermissionEnforcement admission"
            + " plugin requires it to set blockOwnerDeletion=true in the owner references of the"
            + " objects the operator creates; the mock server does not enforce it");
  }

  /** Used by the operator but rightly not granted by the chart, and why. */
  static final Map<String, String> USED_BUT_NOT_IN_THE_CHART =
      Map.of(
          "authorization.k8s.io/selfsubjectrulesreviews: create",
          "Java Operator SDK asks which lease verbs it has before it starts leader election;"
              + " Kubernetes grants this to every authenticated user (ClusterRole"
              + " system:basic-user), changes nothing and reveals only the caller's own rights");

  @Test
  void theChartGrantsExactlyWhatTheOperatorUses() {
    Set<String> used;
    String leaseNamespace;
    try (ReliabilityHarness harness = ReliabilityHarness.withoutOperator()) {
      harness.publish(GOOD, ImageBehaviour.healthy());
      harness.publish(BAD, ImageBehaviour.crashesAtStartup(1, ReliabilityHarness.INCIDENT_MESSAGE));
      leaseNamespace = harness.newNamespace();
      FaultInjector recorder = new FaultInjector();
      KubernetesClient client = ReliabilityHarness.recordingClient(harness.proxy.url(), recorder);
      OperatorProcess operator =
          OperatorProcess.start(
              client,
              new RunSettings(
                  Set.of(),
                  Optional.empty(),
                  Optional.of(
                      new RunSettings.Lease(
                          "websocket-bridge-operator",
                          leaseNamespace,
                          "only",
                          Duration.ofSeconds(4),
                          Duration.ofSeconds(3),
                          Duration.ofMillis(500))),
                  2),
              () -> {});
      try {
        await().atMost(Duration.ofSeconds(15)).until(operator::isLeader);
        workload(harness, recorder);
        sleep(Duration.ofSeconds(1)); // a few lease renewals
      } finally {
        operator.close();
        client.close();
        recorder.close();
      }
      List<FaultInjector.Call> calls = recorder.calls();
      assertThat(calls)
          .filteredOn(c -> verb(c).startsWith("coordination.k8s.io/leases"))
          .as("the lease is only touched in its own namespace (the Role is namespaced)")
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.namespace()).isEqualTo(leaseNamespace));
      used = new TreeSet<>();
      calls.forEach(c -> used.add(verb(c)));
    }

    Set<String> granted = granted();
    System.out.println("RBAC used by the operator: " + used);
    System.out.println("RBAC granted by the chart: " + granted);

    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(granted);
    missing.removeAll(USED_BUT_NOT_IN_THE_CHART.keySet());
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    unused.removeAll(GRANTED_BUT_NOT_EXERCISED.keySet());
    assertThat(missing).as("used by the operator but not granted by the chart").isEmpty();
    assertThat(unused).as("granted by the chart but never used").isEmpty();
    assertThat(used)
        .as("every listed exception is still needed")
        .containsAll(USED_BUT_NOT_IN_THE_CHART.keySet())
        .doesNotContainAnyElementsOf(GRANTED_BUT_NOT_EXERCISED.keySet());
  }

  /**
   * First rollout, config changes with history pruning, a manual Deployment edit reverted, a
   * deleted ConfigMap recreated, a crash rolled back, a scale 2 → 1 (PDB deleted), an invalid
   * bridge; events and status writes come with them.
   */
  private static void workload(ReliabilityHarness harness, FaultInjector recorder) {
    String ns = harness.newNamespace();

    // creates that meet 409 because the operator's cache is behind: someone (here the test, with
    // the operator's own request body) created the object first; the operator reads it (get) and
    // goes on with it
    String raced = harness.newNamespace();
    for (String kind :
        List.of(
            "configmaps",
            "controllerrevisions",
            "deployments",
            "services",
            "poddisruptionbudgets")) {
      AtomicReference<FaultInjector.Call> call = new AtomicReference<>();
      recorder.before(
          c -> {
            boolean match = c.is("POST", kind) && raced.equals(c.namespace());
            if (match) {
              call.set(c);
            }
            return match;
          },
          1,
          () ->
              harness
                  .client
                  .resource(Serialization.unmarshal(call.get().body(), HasMetadata.class))
                  .create());
    }
    harness.create(harness.bridge(raced, "raced", GOOD, s -> {}));
    harness.awaitPhase(raced, "raced", Phase.Ready);
    recorder.clearRules();

    // first rollout, then config changes beyond the history limit: revisions pruned
    harness.create(harness.bridge(ns, "chat", GOOD, s -> s.rollout.revisionHistoryLimit = 2));
    WebSocketBridgeStatus status = harness.awaitPhase(ns, "chat", Phase.Ready);
    for (String level : List.of("DEBUG", "WARN", "ERROR")) {
      String previous = status.stableRevision.configHash;
      harness.edit(ns, "chat", b -> b.getSpec().bridge.logging.level = level);
      status =
          harness.awaitStatus(
              ns,
              "chat",
              Duration.ofSeconds(20),
              s -> s.phase == Phase.Ready && !s.stableRevision.configHash.equals(previous));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.client.apps().controllerRevisions().inNamespace(ns).list().getItems().size()
                    == 2);

    // a manual Deployment edit, reverted
    harness.editByHand(
        harness.client.apps().deployments().inNamespace(ns).withName("chat"),
        d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:latest");
          return d;
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !"nginx:latest".equals(harness.deployedImage(ns, "chat")));

    // a Service selector changed by hand, reverted
    harness.editByHand(
        harness.client.services().inNamespace(ns).withName("chat"),
        svc -> {
          svc.getSpec().setSelector(Map.of("app", "something-else"));
          return svc;
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !harness
                    .client
                    .services()
                    .inNamespace(ns)
                    .withName("chat")
                    .get()
                    .getSpec()
                    .getSelector()
                    .containsKey("app"));

    // the PodDisruptionBudget changed by hand, reverted
    harness.editByHand(
        harness.client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("chat"),
        pdb -> {
          pdb.getSpec().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(2));
          return pdb;
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.podDisruptionBudget(ns, "chat").getSpec().getMaxUnavailable().getIntVal()
                    == 1);

    // a deleted ConfigMap, recreated
    String configMap = "chat-config-" + status.currentRevision.configHash.substring(0, 10);
    harness.client.configMaps().inNamespace(ns).withName(configMap).delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.client.configMaps().inNamespace(ns).withName(configMap).get() != null);

    // a crash, rolled back
    harness.create(harness.bridge(ns, "crash", GOOD, s -> {}));
    harness.awaitPhase(ns, "crash", Phase.Ready);
    harness.edit(ns, "crash", b -> b.getSpec().image = BAD);
    harness.awaitRolledBack(ns, "crash");

    // scale 2 -> 1: the PodDisruptionBudget goes
    harness.create(harness.bridge(ns, "scale", GOOD, s -> {}));
    harness.awaitPhase(ns, "scale", Phase.Ready);
    harness.edit(ns, "scale", b -> b.getSpec().replicas = 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.podDisruptionBudget(ns, "scale") == null);

    // an invalid bridge
    harness.create(harness.bridge(ns, "invalid", GOOD, s -> s.replicas = -1));
    harness.awaitPhase(ns, "invalid", Phase.Failed);
    assertThat(harness.eventCount(ns, "RolledBack")).isEqualTo(1);
  }

  /**
   * The Kubernetes verb a request needs, as "group/resource[/subresource]: verb" ("" is the core
   * group). GET of a collection is list, with {@code watch=true} watch; GET of an item is get.
   */
  static String verb(FaultInjector.Call call) {
    String[] segments = call.path().replaceAll("^/+|/+$", "").split("/");
    if (!segments[0].equals("api") && !segments[0].equals("apis")) {
      return "nonResourceURL " + call.path() + ": " + call.method().toLowerCase();
    }
    String group = segments[0].equals("api") ? "" : segments[1];
    List<String> rest =
        new ArrayList<>(
            List.of(segments).subList(segments[0].equals("api") ? 2 : 3, segments.length));
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
    boolean item = rest.size() >= 2;
    String verb =
        switch (call.method()) {
          case "GET" -> call.isWatch() ? "watch" : item ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> item ? "delete" : "deletecollection";
          default -> call.method().toLowerCase();
        };
    return group + "/" + resource + ": " + verb;
  }

  /** The chart's default rendering: ClusterRole rules and the leader-election Role's. */
  static Set<String> granted() {
    String rendered =
        new Helm(CHART)
            .template()
            .withName("websocket-bridge-operator")
            .withNamespace("websocket-bridge-operator")
            .withKubeVersion("1.30.0")
            .skipCrds()
            .call();
    List<PolicyRule> rules = new ArrayList<>();
    int roles = 0;
    for (String doc : rendered.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = Serialization.unmarshal(doc);
      List<HasMetadata> objects =
          parsed instanceof KubernetesResourceList<?> list
              ? list.getItems().stream().map(HasMetadata.class::cast).toList()
              : List.of((HasMetadata) parsed);
      for (HasMetadata object : objects) {
        if (object instanceof ClusterRole clusterRole) {
          rules.addAll(clusterRole.getRules());
          roles++;
        } else if (object instanceof Role role) {
          assertThat(role.getMetadata().getName()).endsWith("-leader-election");
          rules.addAll(role.getRules());
          roles++;
        }
      }
    }
    assertThat(roles).as("one ClusterRole and the lease Role").isEqualTo(2);
    Set<String> out = new TreeSet<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            out.add(group + "/" + resource + ": " + verb);
          }
        }
      }
    }
    return out;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
