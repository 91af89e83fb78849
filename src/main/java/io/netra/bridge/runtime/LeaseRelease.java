package io.netra.bridge.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the lease up on shutdown so that a standby takes over at once instead of waiting for the
 * lease to expire. Java Operator SDK cancels its leader elector without releasing the lease.
 */
final class LeaseRelease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  /** Returns true when this identity held the lease and it is now released. */
  static boolean release(KubernetesClient client, String namespace, String name, String identity) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null
          || lease.getSpec() == null
          || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return false;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
      client.leases().inNamespace(namespace).resource(lease).update();
      LOG.info("{}: released lease {}/{}", identity, namespace, name);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn("{}: could not release lease {}/{}: {}", identity, namespace, name, e.getMessage());
      return false;
    }
  }
}
