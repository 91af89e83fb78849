package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.BridgeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The informers the reconciler reacts to. Each watches only objects labelled as managed by this
 * operator, so the caches hold bridges' objects and nothing else, and holds them as JSON ({@link
 * SerializedItemStore}).
 */
final class BridgeEventSources {
  private BridgeEventSources() {}

  static List<EventSource<?, WebSocketBridge>> create(EventSourceContext<WebSocketBridge> context) {
    List<EventSource<?, WebSocketBridge>> sources = new ArrayList<>();
    sources.add(owned(Deployment.class, context));
    sources.add(owned(ConfigMap.class, context));
    sources.add(owned(Service.class, context));
    sources.add(owned(PodDisruptionBudget.class, context));
    sources.add(owned(ControllerRevision.class, context));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, WebSocketBridge.class)
                .withName("pods")
                .withLabelSelector(BridgeNames.MANAGED_SELECTOR)
                .withItemStore(new PodCacheTrimmer())
                .withInformerListLimit(WebSocketBridgeReconciler.LIST_PAGE_SIZE)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      var labels = pod.getMetadata().getLabels();
                      String bridge =
                          labels == null ? null : labels.get(BridgeNames.LABEL_INSTANCE);
                      return bridge == null
                          ? Set.of()
                          : Set.of(new ResourceID(bridge, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context));
    return sources;
  }

  private static <R extends HasMetadata> InformerEventSource<R, WebSocketBridge> owned(
      Class<R> type, EventSourceContext<WebSocketBridge> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, WebSocketBridge.class)
            .withName(type.getSimpleName().toLowerCase(java.util.Locale.ROOT))
            .withLabelSelector(BridgeNames.MANAGED_SELECTOR)
            .withItemStore(new SerializedItemStore<>(type))
            .withInformerListLimit(WebSocketBridgeReconciler.LIST_PAGE_SIZE)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(WebSocketBridge.class))
            .build(),
        context);
  }
}
