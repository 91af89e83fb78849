package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicLong;
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
    T attempt = desired;
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        writes.incrementAndGet();
        return client.resource(attempt).update();
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

  void delete(HasMetadata object) {
    writes.incrementAndGet();
    client.resource(object).withGracePeriod(0).delete();
  }

  long writes() {
    return writes.get();
  }
}
