package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.netra.bridge.model.WebSocketBridge;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * The operator's only way to write owned objects: create (POST), update (PUT with resourceVersion,
 * so a concurrent change gives 409 and a fresh reconcile) and delete. Every write is fed to the
 * informer cache at once so the next reconcile does not act on a stale copy. Works the same on a
 * real API server and the Fabric8 Mock Server (no server-side apply).
 */
class OwnedObjectWriter {
  private final KubernetesClient client;
  private final Context<WebSocketBridge> context;

  OwnedObjectWriter(Context<WebSocketBridge> context) {
    this.client = context.getClient();
    this.context = context;
  }

  /**
   * Creates {@code desired}. When it already exists and belongs to the same bridge (the cache had
   * not caught up yet), the stored object is used instead.
   */
  <T extends HasMetadata> T create(T desired) {
    try {
      T created = client.resource(desired).create();
      informer(desired)
          .ifPresent(i -> i.handleRecentResourceCreate(ResourceID.fromResource(created), created));
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      T existing = client.resource(desired).get();
      if (existing != null && sameOwner(existing, desired)) {
        return existing;
      }
      throw new OwnedObjectConflict(
          desired.getKind()
              + " "
              + desired.getMetadata().getName()
              + " already exists and is not owned by this bridge",
          e);
    }
  }

  private static boolean sameOwner(HasMetadata existing, HasMetadata desired) {
    var owners = existing.getMetadata().getOwnerReferences();
    var ours = desired.getMetadata().getOwnerReferences();
    return owners != null
        && ours != null
        && !ours.isEmpty()
        && owners.stream()
            .anyMatch(o -> o.getUid() != null && o.getUid().equals(ours.get(0).getUid()));
  }

  /** Updates {@code actual} with {@code change} applied, guarded by its resourceVersion. */
  <T extends HasMetadata> T update(T actual, UnaryOperator<T> change) {
    T copy = client.getKubernetesSerialization().clone(actual);
    T changed = change.apply(copy);
    changed.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
    T updated = client.resource(changed).update();
    informer(actual)
        .ifPresent(
            i -> i.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, actual));
    return updated;
  }

  void delete(HasMetadata existing) {
    client.resource(existing).withGracePeriod(0).delete();
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata>
      java.util.Optional<InformerEventSource<T, WebSocketBridge>> informer(T resource) {
    try {
      return java.util.Optional.of(
          (InformerEventSource<T, WebSocketBridge>)
              context.eventSourceRetriever().getEventSourceFor(resource.getClass()));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** A create collided with an object the cache did not show. */
  static class OwnedObjectConflict extends RuntimeException {
    OwnedObjectConflict(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
