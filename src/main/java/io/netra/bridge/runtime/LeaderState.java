package io.netra.bridge.runtime;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica holds the lease. Losing it while not shutting down means another replica may
 * already act: the process must stop at once ({@code onLost}), as Kubernetes controllers do.
 */
final class LeaderState {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderState.class);

  private final String identity;
  private final Runnable onLost;
  private final AtomicBoolean leader = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<String> currentLeader = new AtomicReference<>();

  LeaderState(String identity, Runnable onLost) {
    this.identity = identity;
    this.onLost = onLost;
  }

  String identity() {
    return identity;
  }

  boolean isLeader() {
    return leader.get();
  }

  String currentLeader() {
    return currentLeader.get();
  }

  void stopping() {
    stopping.set(true);
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(
        () -> {
          leader.set(true);
          LOG.info("{}: became the leader; reconciling", identity);
        },
        () -> {
          boolean was = leader.getAndSet(false);
          if (stopping.get()) {
            LOG.info("{}: stopped leading (shutdown)", identity);
          } else if (was) {
            LOG.error("{}: lost the lease; stopping so that only the new leader acts", identity);
            onLost.run();
          }
        },
        newLeader -> {
          currentLeader.set(newLeader);
          if (!identity.equals(newLeader)) {
            LOG.info("{}: standby; the leader is {}", identity, newLeader);
          }
        });
  }
}
