package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.health.PodStatuses;
import io.netra.bridge.model.FailedRevision;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rendering.RollbackMarker;
import io.netra.bridge.rollout.Conditions;
import io.netra.bridge.rollout.DeployedRevision;
import io.netra.bridge.rollout.PodCounts;
import io.netra.bridge.rollout.RevisionRefs;
import io.netra.bridge.rollout.RollbackRecovery;
import io.netra.bridge.rollout.RolloutDecider;
import io.netra.bridge.rollout.RolloutDecision;
import io.netra.bridge.rollout.StatusComposer;
import io.netra.bridge.rollout.Target;
import io.netra.bridge.validation.SpecValidator;
import io.netra.bridge.validation.Violation;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one reconcile together: validate, read the caches, let the pure parts decide, write what
 * differs, say what happened. It never waits for pods; pod and probe events bring it back.
 */
public class WebSocketBridgeReconciler implements Reconciler<WebSocketBridge>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketBridgeReconciler.class);

  /**
   * Items per page when an informer lists (its start and every relist), for the bridges and every
   * owned kind: large fleets are listed in pages, as client-go does, so neither the API server nor
   * the operator holds one response with every pod of every bridge (the JDK's HTTP client keeps the
   * response that opened a pooled connection reachable as long as the connection lives).
   */
  public static final long LIST_PAGE_SIZE = 250;

  /**
   * Added to a recheck at the progress deadline: Java Operator SDK schedules whole milliseconds
   * (truncated), so the timer could otherwise fire just before the deadline the decision compares
   * against, and only reschedule itself.
   */
  private static final Duration DEADLINE_MARGIN = Duration.ofMillis(2);

  private static final Duration CONFLICT_RETRY = Duration.ofMillis(200);
  private static final Duration POD_WATCH_RECHECK = Duration.ofSeconds(1);
  private static final Duration PROBE_RETRY = Duration.ofMillis(500);
  private static final int PROBE_THREADS = 8;
  private static final long PRUNE_PROBES_EVERY = 500;

  private final Clock clock;
  private final ConfigProbes probes;
  private final TerminatingNamespaces terminating = new TerminatingNamespaces();
  private final BridgeMetrics metrics;
  private final RolloutTimings timings;
  private final StatusWriter statusWriter = new StatusWriter();
  private final DecisionApplier applier = new DecisionApplier();
  private final AtomicLong reconciles = new AtomicLong();

  public WebSocketBridgeReconciler(Clock clock, MeterRegistry registry, Duration probeTimeout) {
    this.clock = clock;
    this.metrics = new BridgeMetrics(registry);
    this.timings = new RolloutTimings(registry);
    this.probes =
        new ConfigProbes(
            new ConfigEndpointClient(
                Executors.newFixedThreadPool(PROBE_THREADS, daemon("config-probes")), probeTimeout),
            Executors.newSingleThreadScheduledExecutor(daemon("config-probe-retries")),
            PROBE_RETRY);
  }

  @Override
  public List<EventSource<?, WebSocketBridge>> prepareEventSources(
      EventSourceContext<WebSocketBridge> context) {
    List<EventSource<?, WebSocketBridge>> sources =
        new ArrayList<>(BridgeEventSources.create(context));
    sources.add(probes.eventSource());
    return sources;
  }

  @Override
  public UpdateControl<WebSocketBridge> reconcile(
      WebSocketBridge bridge, Context<WebSocketBridge> context) {
    if (bridge.getMetadata().getDeletionTimestamp() != null || terminating.contains(bridge)) {
      // Going away: the garbage collector or the namespace controller removes what it owns.
      return UpdateControl.noUpdate();
    }
    try {
      return reconcileOrThrow(bridge, context);
    } catch (KubernetesClientException e) {
      if (TerminatingNamespaces.refusedBecauseTerminating(e)) {
        terminating.remember(bridge);
        LOG.info(
            "{}/{}: the namespace is being deleted; leaving the bridge alone",
            bridge.getMetadata().getNamespace(),
            bridge.getMetadata().getName());
        return UpdateControl.noUpdate();
      }
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Someone wrote first (optimistic locking): the informer brings the newer object and with
      // it another reconcile; nothing is lost, so this is no error.
      LOG.debug(
          "{}/{}: conflict, will reconcile again: {}",
          bridge.getMetadata().getNamespace(),
          bridge.getMetadata().getName(),
          e.getMessage());
      return UpdateControl.<WebSocketBridge>noUpdate().rescheduleAfter(CONFLICT_RETRY);
    }
  }

  private UpdateControl<WebSocketBridge> reconcileOrThrow(
      WebSocketBridge bridge, Context<WebSocketBridge> context) {
    Instant now = clock.instant();
    WebSocketBridgeStatus previous = normalized(bridge.getStatus());
    bridge.setStatus(previous);
    long generation = Objects.requireNonNullElse(bridge.getMetadata().getGeneration(), 0L);
    RolloutNotifier notifier =
        new RolloutNotifier(new BridgeEvents(context.getClient(), clock), metrics, bridge);
    forgetDeletedBridgesNowAndThen(context);

    List<Violation> violations = SpecValidator.validate(bridge);
    if (!violations.isEmpty()) {
      String message =
          "invalid spec: "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
      if (!Objects.equals(readyMessage(previous), message)) {
        notifier.invalid(bridge, message);
      }
      statusWriter.write(
          bridge, StatusComposer.invalid(generation, previous, message, now), context);
      return UpdateControl.noUpdate();
    }
    WebSocketBridgeSpec spec = bridge.getSpec().normalized();
    if (spec.paused) {
      if (previous.phase != Phase.Paused) {
        notifier.paused(bridge);
      }
      statusWriter.write(bridge, StatusComposer.paused(generation, previous, now), context);
      return UpdateControl.noUpdate();
    }
    return rollout(bridge, previous, generation, now, notifier, context);
  }

  private UpdateControl<WebSocketBridge> rollout(
      WebSocketBridge bridge,
      WebSocketBridgeStatus recorded,
      long generation,
      Instant now,
      RolloutNotifier notifier,
      Context<WebSocketBridge> context) {
    WebSocketBridgeSpec spec = bridge.getSpec();
    Observation observation = Observation.gather(bridge, recorded, context, probes);
    WebSocketBridgeStatus previous =
        RollbackRecovery.withMarkedFailure(
            recorded,
            RollbackMarker.read(observation.observed().deployment()).orElse(null),
            generation,
            now);
    timings.observe(observation.observed().pods(), observation.checks(), now);
    RolloutDecision decision = RolloutDecider.decide(observation.input(spec, previous, now));

    RevisionTemplate desired = observation.desired();
    if (decision.newFailure() != null && !podsWatched(context)) {
      // A failure decided on a pod cache that is not being kept up to date (the API is down or
      // the watch is re-listing) could blame the workload for an API outage: decide once it is.
      LOG.info(
          "{}/{}: revision {} looks failed, but the pod watch is down; rechecking",
          bridge.getMetadata().getNamespace(),
          bridge.getMetadata().getName(),
          desired.name());
      return UpdateControl.<WebSocketBridge>noUpdate().rescheduleAfter(POD_WATCH_RECHECK);
    }
    DeployedRevision deployed = observation.deployed().orElse(null);
    RevisionTemplate target =
        RevisionRefs.target(
            decision, desired, observation.stableTemplate(), previous.stableRevision);
    RevisionRef desiredRef =
        desired.ref(
            RevisionRefs.digestOf(
                desired, deployed, observation.health(), previous.stableRevision));
    RevisionRef current =
        RevisionRefs.current(
            decision, target, desiredRef, previous, deployed, observation.health());
    PodCounts counts =
        countPods(
            observation,
            target != null ? target.name() : deployed == null ? null : deployed.name(),
            spec.replicas);

    String id = bridge.getMetadata().getNamespace() + "/" + bridge.getMetadata().getName();
    Optional<Instant> appliedAt = Optional.ofNullable(deployed).map(DeployedRevision::appliedAt);
    if (decision.newFailure() != null) {
      timeFailure(id, decision, observation, appliedAt, now);
    }
    if (decision.newFailure() != null && !decision.rollsBack()) {
      // Nothing else is written for a failure without a rollback: record it first. A rollback
      // carries its failure on the Deployment instead, in the same write (RollbackMarker), so the
      // status that records it follows and the rollback is one write away from the signal.
      bridge =
          statusWriter.write(
              bridge,
              StatusComposer.compose(
                  generation,
                  previous,
                  decision,
                  desiredRef,
                  previous.currentRevision,
                  counts,
                  spec.rollout.revisionHistoryLimit,
                  now),
              context);
    }

    DecisionApplier.Applied applied =
        applier.apply(
            new OwnedObjectWriter(context),
            bridge,
            observation,
            decision.target(),
            target,
            decision.rollsBack() ? decision.newFailure() : null,
            previous,
            now);
    // Told after the rollback is written, so that telling does not delay it.
    FailedRevision toAnnounce =
        failureToAnnounce(decision, previous, desired.name(), observation.retryToken());
    if (toAnnounce != null) {
      notifier.failed(
          bridge,
          toAnnounce,
          decision.target() == Target.STABLE,
          decision.message(),
          target == null ? null : target.image());
    }
    if (decision.newFailure() != null) {
      notifier.counted(decision);
    }
    if (applied.wroteDeployment() && decision.target() == Target.STABLE) {
      timings.stableWritten(id, clock.instant());
    }
    notifier.reverted(bridge, applied.reverted());
    if (applied.startedRollout()) {
      notifier.rolloutStarted(bridge, desired);
    }
    if (decision.newStable() != null) {
      notifier.rolloutSucceeded(bridge, desired, decision);
      timings.rolloutFinished("succeeded", appliedAt, now);
    }

    // While a Ready pod's config check is still on its way (after a restart, or a new pod), the
    // counts are unknown rather than zero: the answer brings another reconcile, so the status
    // waits for it instead of being written twice.
    if (!observation.checksPending()
        || decision.newFailure() != null
        || decision.newStable() != null) {
      statusWriter.write(
          bridge,
          StatusComposer.compose(
              generation,
              previous,
              decision,
              desiredRef,
              current,
              counts,
              spec.rollout.revisionHistoryLimit,
              now),
          context);
    }
    UpdateControl<WebSocketBridge> control = UpdateControl.noUpdate();
    if (decision.recheckAfter() != null) {
      control.rescheduleAfter(decision.recheckAfter().plus(DEADLINE_MARGIN));
    }
    return control;
  }

  private void timeFailure(
      String id,
      RolloutDecision decision,
      Observation observation,
      Optional<Instant> appliedAt,
      Instant now) {
    Instant failureSignal =
        timings.failureSignal(
            decision.newFailure(),
            observation.observed().podsOf(observation.desired().name()),
            appliedAt,
            observation.progressDeadlineSeconds(),
            observation.maxStartupRestarts(),
            now);
    if (decision.rollsBack()) {
      timings.rollbackDue(id, decision.newFailure().reason, failureSignal);
    }
    timings.rolloutFinished(decision.rollsBack() ? "rolled_back" : "failed", appliedAt, now);
  }

  private static PodCounts countPods(Observation observation, String serving, int replicas) {
    List<Pod> pods =
        observation.observed().pods().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .toList();
    int ready = (int) pods.stream().filter(PodStatuses::isReady).count();
    int configured = (int) pods.stream().filter(p -> observation.checkOf(p).configured()).count();
    int servingConfigured =
        serving == null
            ? 0
            : (int)
                observation.observed().podsOf(serving).stream()
                    .filter(p -> observation.checkOf(p).configured())
                    .count();
    return new PodCounts(pods.size(), ready, configured, servingConfigured, replicas);
  }

  /**
   * The failure to announce: a new one, or one whose rollback the status does not show as done (the
   * operator stopped between recording it and writing the status that follows the rollback).
   */
  private static FailedRevision failureToAnnounce(
      RolloutDecision decision,
      WebSocketBridgeStatus previous,
      String revision,
      String retryToken) {
    if (decision.newFailure() != null) {
      return decision.newFailure();
    }
    RevisionRef stable = previous.stableRevision;
    boolean rollbackUnfinished =
        decision.target() == Target.STABLE
            && decision.phase() == Phase.RolledBack
            && stable != null
            && (previous.currentRevision == null
                || !Objects.equals(previous.currentRevision.image, stable.image));
    if (!rollbackUnfinished) {
      return null;
    }
    return RolloutDecider.lastFailure(previous, revision, retryToken);
  }

  private static boolean podsWatched(Context<WebSocketBridge> context) {
    try {
      EventSourceHealthIndicator pods = context.eventSourceRetriever().getEventSourceFor(Pod.class);
      return pods.getStatus() != Status.UNHEALTHY;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private void forgetDeletedBridgesNowAndThen(Context<WebSocketBridge> context) {
    if (reconciles.incrementAndGet() % PRUNE_PROBES_EVERY == 0) {
      // Keys only: the cache holds JSON, a list would decode every bridge.
      Set<ResourceID> existing = context.getPrimaryCache().keys().collect(Collectors.toSet());
      probes.retainOnly(existing);
      terminating.retainOnly(existing);
    }
  }

  private static String readyMessage(WebSocketBridgeStatus status) {
    return Conditions.find(status.conditions, Conditions.READY)
        .map(io.fabric8.kubernetes.api.model.Condition::getMessage)
        .orElse(null);
  }

  private static WebSocketBridgeStatus normalized(WebSocketBridgeStatus status) {
    WebSocketBridgeStatus s = status == null ? new WebSocketBridgeStatus() : status;
    if (s.conditions == null) {
      s.conditions = new ArrayList<>();
    }
    if (s.failedRevisions == null) {
      s.failedRevisions = new ArrayList<>();
    }
    return s;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    probes.close();
  }
}
