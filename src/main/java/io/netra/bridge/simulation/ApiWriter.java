package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Updates (PUT with resourceVersion) that survive concurrent writers: on a conflict, the change is
 * applied again to the latest version. Only PUT is used: the mock API server's patch support is
 * partial.
 */
final class ApiWriter {

  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final AtomicLong writes = new AtomicLong();

  ApiWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Writes {@code desired}; on 409 re-reads and writes {@code change} applied to the latest.
   * Returns the stored object, or null when the object no longer exists.
   */
  <T extends HasMetadata> T update(T desired, UnaryOperator<T> change) {
    return write(desired, change, Resource::update);
  }

  /** As {@link #update}, through the status subresource (only the status is written). */
  <T extends HasMetadata> T updateStatus(T desired, UnaryOperator<T> change) {
    return write(desired, change, Resource::updateStatus);
  }

  private <T extends HasMetadata> T write(
      T desired, UnaryOperator<T> change, Function<Resource<T>, T> send) {
    T attempt = desired;
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        writes.incrementAndGet();
        return send.apply(client.resource(attempt));
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return null;
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        T latest = client.resource(attempt).get();
        if (latest == null) {
          return null;
        }
        attempt = change.apply(latest);
      }
    }
    throw new IllegalStateException(
        "still conflicting after " + ATTEMPTS + " attempts: " + desired.getFullResourceName());
  }

  <T extends HasMetadata> T create(T object) {
    writes.incrementAndGet();
    return client.resource(object).create();
  }

  /** A delete with the object's own grace period: a pod on a node is marked, not removed. */
  void deleteGracefully(HasMetadata object) {
    writes.incrementAndGet();
    client.resource(object).delete();
  }

  void delete(HasMetadata object) {
    writes.incrementAndGet();
    client.resource(object).withGracePeriod(0).delete();
  }

  /**
   * Binds a pod to a node through its binding subresource (a raw POST: the API answers a Status,
   * not the Binding sent). Returns false when the pod is gone or already bound elsewhere.
   */
  boolean bind(Binding binding) {
    String path =
        podPath(binding.getMetadata().getNamespace(), binding.getMetadata().getName()) + "/binding";
    return sendRaw(path, "POST", binding);
  }

  /**
   * Deletes the pod at once (grace period 0), as a kubelet confirms that a pod's containers have
   * stopped, but only the pod with this UID: a new pod of the same name stays. Returns false when
   * it is already gone.
   */
  boolean deleteNow(Pod pod) {
    DeleteOptionsBuilder options = new DeleteOptionsBuilder().withGracePeriodSeconds(0L);
    if (pod.getMetadata().getUid() != null) {
      options.withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions();
    }
    String path = podPath(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    return sendRaw(path, "DELETE", options.build());
  }

  private boolean sendRaw(String path, String method, Object body) {
    writes.incrementAndGet();
    try {
      client.raw(path, method, body);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND
          || e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  private static String podPath(String namespace, String name) {
    return "/api/v1/namespaces/" + namespace + "/pods/" + name;
  }

  long writes() {
    return writes.get();
  }
}
