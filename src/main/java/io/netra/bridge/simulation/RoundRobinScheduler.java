package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simplest scheduler that works: each unscheduled pod goes to the next simulated node in turn,
 * bound through the binding subresource as kube-scheduler does. Resources, taints and affinities
 * are not looked at: the simulated nodes have room for everything.
 */
final class RoundRobinScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(RoundRobinScheduler.class);

  private final List<String> nodes;
  private final ApiWriter writer;
  private int next;
  private final AtomicLong bound = new AtomicLong();

  RoundRobinScheduler(List<String> nodes, ApiWriter writer) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one node is needed");
    }
    this.nodes = List.copyOf(nodes);
    this.writer = writer;
  }

  /** The node the next pod goes to. */
  String nextNode() {
    String node = nodes.get(next);
    next = (next + 1) % nodes.size();
    return node;
  }

  /**
   * Binds {@code pod} to the next node. Returns true when the pod needs nothing more from the
   * scheduler (bound now, bound by someone else, or gone), false to try again later.
   */
  boolean schedule(Pod pod) {
    try {
      if (writer.bind(binding(pod, nextNode()))) {
        bound.incrementAndGet();
      }
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot bind pod {}/{}",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          e);
      return false;
    }
  }

  long bound() {
    return bound.get();
  }

  /** The Binding of {@code pod} to {@code node}, valid only for this pod (by UID). */
  static Binding binding(Pod pod, String node) {
    return new BindingBuilder()
        .withNewMetadata()
        .withName(pod.getMetadata().getName())
        .withNamespace(pod.getMetadata().getNamespace())
        .withUid(pod.getMetadata().getUid())
        .endMetadata()
        .withNewTarget()
        .withApiVersion("v1")
        .withKind("Node")
        .withName(node)
        .endTarget()
        .build();
  }
}
