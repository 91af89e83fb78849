package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated nodes' presence in the API: registers their Node objects with a Ready status and
 * renews their Leases as a kubelet does, so the node lifecycle controller keeps them Ready and
 * untainted.
 */
final class NodeRegistration implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);
  static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ApiWriter writer;
  private final Clock clock;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Lease> leases = new LinkedHashMap<>();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "simulated-node-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private NodeRegistration(KubernetesClient client, ApiWriter writer, Clock clock) {
    this.client = client;
    this.writer = writer;
    this.clock = clock;
  }

  /** Registers {@code names} as Ready nodes and starts their heartbeats. */
  static NodeRegistration register(
      KubernetesClient client, ApiWriter writer, Clock clock, List<String> names) {
    NodeRegistration registration = new NodeRegistration(client, writer, clock);
    names.forEach(name -> registration.nodes.put(name, registration.register(name)));
    registration.renewLeases();
    long period = RENEW_INTERVAL.toMillis();
    registration.heartbeats.scheduleWithFixedDelay(
        registration::renewLeases, period, period, TimeUnit.MILLISECONDS);
    return registration;
  }

  private Node register(String name) {
    Node node;
    try {
      node = writer.create(NodeObjects.node(name));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Left by an earlier run: take it over, as a restarted kubelet does.
      node = client.nodes().withName(name).get();
    }
    String now = new Timestamps(clock).now();
    return writer.updateStatus(
        new NodeBuilder(node).withStatus(NodeObjects.status(name, now)).build(),
        latest -> new NodeBuilder(latest).withStatus(NodeObjects.status(name, now)).build());
  }

  private void renewLeases() {
    for (Node node : nodes.values()) {
      try {
        renewLease(node);
      } catch (RuntimeException e) {
        // The next heartbeat tries again; a lease is good for four of them.
        LOG.warn("cannot renew the lease of node {}", node.getMetadata().getName(), e);
      }
    }
  }

  private void renewLease(Node node) {
    String name = node.getMetadata().getName();
    ZonedDateTime now = ZonedDateTime.now(clock);
    Lease stored = leases.get(name);
    if (stored == null) {
      stored = client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE).withName(name).get();
    }
    Lease renewed;
    if (stored == null) {
      renewed = writer.create(NodeObjects.lease(node, now));
    } else {
      renewed = writer.update(renewedAt(stored, node, now), latest -> renewedAt(latest, node, now));
    }
    if (renewed == null) {
      leases.remove(name);
    } else {
      leases.put(name, renewed);
    }
  }

  private static Lease renewedAt(Lease stored, Node node, ZonedDateTime now) {
    Lease desired = NodeObjects.lease(node, now);
    return new LeaseBuilder(stored)
        .editMetadata()
        .withOwnerReferences(desired.getMetadata().getOwnerReferences())
        .endMetadata()
        .withSpec(desired.getSpec())
        .build();
  }

  List<String> names() {
    return List.copyOf(nodes.keySet());
  }

  /** Stops the heartbeats; the nodes turn NotReady once their leases expire. */
  @Override
  public void close() {
    heartbeats.shutdownNow();
    try {
      heartbeats.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the heartbeats and deletes the nodes and their leases. */
  void closeAndDeregister() {
    close();
    for (Node node : nodes.values()) {
      try {
        client.resource(node).delete();
        client
            .leases()
            .inNamespace(NodeObjects.LEASE_NAMESPACE)
            .withName(node.getMetadata().getName())
            .delete();
      } catch (KubernetesClientException e) {
        LOG.warn("cannot delete node {}", node.getMetadata().getName(), e);
      }
    }
  }
}
