package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.netra.bridge.health.ConfigCheck;
import io.netra.bridge.health.PodStatuses;
import io.netra.bridge.model.WebSocketBridge;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Checks Ready pods' configured endpoints in the background so a reconcile never waits on the
 * network. A finished check triggers a reconcile of its bridge when its answer changed; a pod that
 * is not configured yet is asked again after a short pause. A configured answer is final for that
 * pod. What it holds is a cache: after a restart the checks simply run again.
 */
class ConfigProbes implements AutoCloseable {
  private static final Duration STOP_RETRYING_AFTER = Duration.ofMinutes(5);
  private final ConfigEndpointClient client;
  private final ScheduledExecutorService scheduler;
  private final Duration retryAfter;
  private final SimpleInboundEventSource<WebSocketBridge> events =
      new SimpleInboundEventSource<>("config-probes");
  private final Map<ResourceID, Map<String, Entry>> byBridge = new ConcurrentHashMap<>();

  private static final class Entry {
    volatile ConfigCheck result = ConfigCheck.PENDING;
    volatile boolean inFlight;
    volatile Probe probe;
    volatile long observedAtNanos = System.nanoTime();
  }

  private record Probe(String ip, int port, String path, String expectedHash) {}

  ConfigProbes(
      ConfigEndpointClient client, ScheduledExecutorService scheduler, Duration retryAfter) {
    this.client = client;
    this.scheduler = scheduler;
    this.retryAfter = retryAfter;
  }

  SimpleInboundEventSource<WebSocketBridge> eventSource() {
    return events;
  }

  /**
   * The latest answer for each of the bridge's pods; starts checks for Ready pods not asked yet and
   * forgets pods that are gone.
   */
  Map<String, ConfigCheck> observe(ResourceID bridge, Collection<Pod> pods, int port, String path) {
    Map<String, Entry> entries = byBridge.computeIfAbsent(bridge, b -> new ConcurrentHashMap<>());
    Set<String> live = pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    entries.keySet().retainAll(live);
    for (Pod pod : pods) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (!PodStatuses.isReady(pod) || ip == null || ip.isBlank()) {
        continue;
      }
      Entry entry = entries.computeIfAbsent(pod.getMetadata().getUid(), uid -> new Entry());
      entry.probe = new Probe(ip, port, path, PodStatuses.configHash(pod));
      entry.observedAtNanos = System.nanoTime();
      if (entry.result.state() == ConfigCheck.State.PENDING && !entry.inFlight) {
        start(bridge, entries, pod.getMetadata().getUid(), entry);
      }
    }
    return entries.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().result));
  }

  /** Drops what it holds for bridges that no longer exist. */
  void retainOnly(Set<ResourceID> bridges) {
    byBridge.keySet().retainAll(bridges);
  }

  /** The bridges it holds answers for. */
  Set<ResourceID> bridges() {
    return Set.copyOf(byBridge.keySet());
  }

  /** Stops asking a pod again once no reconcile has looked at it for a while (bridge gone). */
  private boolean stillWatched(Entry entry) {
    return System.nanoTime() - entry.observedAtNanos < STOP_RETRYING_AFTER.toNanos();
  }

  private void start(ResourceID bridge, Map<String, Entry> entries, String uid, Entry entry) {
    Probe probe = entry.probe;
    entry.inFlight = true;
    client
        .check(probe.ip(), probe.port(), probe.path(), probe.expectedHash())
        .thenAccept(
            result -> {
              entry.inFlight = false;
              if (entries.get(uid) != entry) {
                return;
              }
              boolean changed = !result.equals(entry.result);
              entry.result = result;
              if (changed) {
                events.propagateEvent(bridge);
              }
              if (!result.configured()) {
                scheduler.schedule(
                    () -> {
                      if (entries.get(uid) == entry && !entry.inFlight && stillWatched(entry)) {
                        start(bridge, entries, uid, entry);
                      }
                    },
                    retryAfter.toMillis(),
                    TimeUnit.MILLISECONDS);
              }
            });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
