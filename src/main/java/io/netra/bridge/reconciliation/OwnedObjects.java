package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.ConfigMapRenderer;
import io.netra.bridge.rendering.ControllerRevisions;
import io.netra.bridge.rendering.DesiredStateMatcher;
import io.netra.bridge.rendering.PodDisruptionBudgetRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rendering.ServiceRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one bridge's owned objects to their rendered state, writing only what differs, and keeps a
 * note of every change a person made that it undid.
 */
class OwnedObjects {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OwnedObjects.class);

  private final OwnedObjectWriter writer;
  private final WebSocketBridge bridge;
  private final ObservedState observed;
  private final List<String> reverted = new ArrayList<>();

  OwnedObjects(OwnedObjectWriter writer, WebSocketBridge bridge, ObservedState observed) {
    this.writer = writer;
    this.bridge = bridge;
    this.observed = observed;
  }

  List<String> reverted() {
    return reverted;
  }

  void ensureConfigMap(RevisionTemplate revision) {
    ConfigMap desired = ConfigMapRenderer.render(bridge, revision);
    Optional<ConfigMap> actual = find(observed.configMaps(), revision.configMapName());
    if (actual.isEmpty()) {
      writer.create(desired);
      if (observed.revision(revision.name()).isPresent()) {
        // The revision was persisted after its ConfigMap, so the ConfigMap existed and was deleted.
        reverted.add("ConfigMap " + revision.configMapName() + " was deleted; recreated");
      }
      return;
    }
    if (!Objects.equals(actual.get().getData(), desired.getData())) {
      // Immutable: the only way back to the rendered content is to replace it.
      writer.delete(actual.get());
      writer.create(desired);
      reverted.add("ConfigMap " + revision.configMapName() + " content was changed; restored");
    }
  }

  void ensureControllerRevision(RevisionTemplate revision) {
    if (observed.revision(revision.name()).isEmpty()) {
      writer.create(ControllerRevisions.render(bridge, revision, observed.nextRevisionNumber()));
    }
  }

  /** Writes the Deployment when it differs; returns true when it wrote. */
  boolean ensureDeployment(Deployment desired, boolean planned) {
    Deployment actual = observed.deployment();
    if (actual == null) {
      writer.create(desired);
      if (!planned) {
        reverted.add("Deployment " + desired.getMetadata().getName() + " was deleted; recreated");
      }
      return true;
    }
    Optional<String> difference = DesiredStateMatcher.firstDifference(desired, actual);
    if (difference.isEmpty()) {
      return false;
    }
    LOG.debug(
        "{}/{}: Deployment differs at {}; updating",
        actual.getMetadata().getNamespace(),
        actual.getMetadata().getName(),
        difference.get());
    writer.update(
        actual,
        d -> {
          d.setSpec(desired.getSpec());
          d.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
          d.getMetadata()
              .setLabels(merged(d.getMetadata().getLabels(), desired.getMetadata().getLabels()));
          Map<String, String> annotations =
              merged(d.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
          // The operator's own annotations are exactly what it renders now (a retry value that
          // was removed, the failure a previous rollback carried); everyone else's are kept.
          annotations
              .keySet()
              .removeIf(
                  key ->
                      key.startsWith(BridgeNames.ANNOTATION_PREFIX)
                          && !desired.getMetadata().getAnnotations().containsKey(key));
          d.getMetadata().setAnnotations(annotations);
          return d;
        });
    if (!planned) {
      reverted.add(
          "Deployment "
              + desired.getMetadata().getName()
              + " was changed at "
              + difference.get()
              + "; reverted");
    }
    return true;
  }

  void ensureService() {
    Service desired = ServiceRenderer.render(bridge);
    Service actual = observed.service();
    if (actual == null) {
      writer.create(desired);
      if (bridge.getStatus() != null && bridge.getStatus().currentRevision != null) {
        reverted.add("Service " + desired.getMetadata().getName() + " was deleted; recreated");
      }
      return;
    }
    Optional<String> difference = DesiredStateMatcher.firstDifference(desired, actual);
    if (difference.isPresent()) {
      writer.update(
          actual,
          s -> {
            s.getSpec().setSelector(desired.getSpec().getSelector());
            s.getSpec().setPorts(desired.getSpec().getPorts());
            s.getSpec().setType(desired.getSpec().getType());
            s.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
            s.getMetadata()
                .setLabels(merged(s.getMetadata().getLabels(), desired.getMetadata().getLabels()));
            return s;
          });
      reverted.add(
          "Service "
              + desired.getMetadata().getName()
              + " was changed at "
              + difference.get()
              + "; reverted");
    }
  }

  void ensurePodDisruptionBudget() {
    Optional<PodDisruptionBudget> desired = PodDisruptionBudgetRenderer.render(bridge);
    PodDisruptionBudget actual = observed.podDisruptionBudget();
    if (desired.isEmpty()) {
      if (actual != null) {
        writer.delete(actual);
      }
      return;
    }
    if (actual == null) {
      writer.create(desired.get());
    } else if (DesiredStateMatcher.firstDifference(desired.get(), actual).isPresent()) {
      writer.update(
          actual,
          p -> {
            p.setSpec(desired.get().getSpec());
            return p;
          });
    }
  }

  /**
   * Deletes ControllerRevisions beyond the history limit, and ConfigMaps no kept revision uses.
   * Never those of the desired, current and stable revisions.
   */
  void prune(Set<String> keepRevisions, Set<String> keepConfigMaps, int historyLimit) {
    List<ControllerRevision> newestFirst =
        observed.revisions().stream()
            .sorted(
                Comparator.comparing(
                        (ControllerRevision r) -> r.getRevision() == null ? 0L : r.getRevision())
                    .reversed())
            .toList();
    Set<String> keptConfigMaps = new HashSet<>();
    int kept = 0;
    for (ControllerRevision stored : newestFirst) {
      Optional<RevisionTemplate> revision = ControllerRevisions.read(stored);
      boolean mustKeep = revision.map(r -> keepRevisions.contains(r.name())).orElse(false);
      if (mustKeep || kept < historyLimit) {
        kept++;
        revision.ifPresent(r -> keptConfigMaps.add(r.configMapName()));
      } else {
        writer.delete(stored);
      }
    }
    for (ConfigMap configMap : observed.configMaps()) {
      String name = configMap.getMetadata().getName();
      if (!keptConfigMaps.contains(name) && !keepConfigMaps.contains(name)) {
        writer.delete(configMap);
      }
    }
  }

  private static <T extends HasMetadata> Optional<T> find(List<T> objects, String name) {
    return objects.stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  private static Map<String, String> merged(Map<String, String> actual, Map<String, String> ours) {
    Map<String, String> merged = new HashMap<>(actual == null ? Map.of() : actual);
    if (ours != null) {
      merged.putAll(ours);
    }
    return merged;
  }
}
