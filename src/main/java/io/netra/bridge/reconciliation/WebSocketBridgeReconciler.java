package io.netra.bridge.reconciliation;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.health.ConfigCheck;
import io.netra.bridge.health.PodStatuses;
import io.netra.bridge.health.RevisionHealth;
import io.netra.bridge.health.RevisionHealthClassifier;
import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.RevisionRef;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketBridgeStatus;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.DeploymentRenderer;
import io.netra.bridge.rendering.RevisionRenderer;
import io.netra.bridge.rendering.RevisionTemplate;
import io.netra.bridge.rollout.DeployedRevision;
import io.netra.bridge.rollout.PodCounts;
import io.netra.bridge.rollout.RolloutDecider;
import io.netra.bridge.rollout.RolloutDecision;
import io.netra.bridge.rollout.RolloutInput;
import io.netra.bridge.rollout.StatusComposer;
import io.netra.bridge.rollout.Target;
import io.netra.bridge.validation.SpecValidator;
import io.netra.bridge.validation.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one reconcile together: read the caches, let the pure parts decide, write what differs. It
 * never waits for pods; pod and probe events bring it back.
 */
public class WebSocketBridgeReconciler implements Reconciler<WebSocketBridge>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketBridgeReconciler.class);
  private static final Duration DEADLINE_MARGIN = Duration.ofMillis(50);
  private static final Duration POD_WATCH_RECHECK = Duration.ofSeconds(1);

  private final Clock clock;
  private final ConfigProbes probes;
  private final BridgeMetrics metrics;
  private final StatusWriter statusWriter = new StatusWriter();

  public WebSocketBridgeReconciler(Clock clock, MeterRegistry registry, Duration probeTimeout) {
    this.clock = clock;
    this.metrics = new BridgeMetrics(registry);
    var scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "config-probe-retries");
              t.setDaemon(true);
              return t;
            });
    var http =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "config-probes");
              t.setDaemon(true);
              return t;
            });
    this.probes =
        new ConfigProbes(
            new ConfigEndpointClient(http, probeTimeout), scheduler, Duration.ofMillis(500));
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
    Instant now = clock.instant();
    String id = bridge.getMetadata().getNamespace() + "/" + bridge.getMetadata().getName();
    WebSocketBridgeStatus previous = normalized(bridge.getStatus());
    bridge.setStatus(previous);
    long generation = Optional.ofNullable(bridge.getMetadata().getGeneration()).orElse(0L);
    BridgeEvents events = new BridgeEvents(context.getClient(), clock);

    List<Violation> violations = SpecValidator.validate(bridge);
    if (!violations.isEmpty()) {
      String message =
          "invalid spec: "
              + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
      WebSocketBridgeStatus next = StatusComposer.invalid(generation, previous, message, now);
      if (!Objects.equals(messageOf(previous), message)) {
        LOG.warn("{}: {}", id, message);
        events.warning(bridge, "InvalidSpec", message);
      }
      statusWriter.write(bridge, next, context);
      return UpdateControl.noUpdate();
    }
    WebSocketBridgeSpec spec = bridge.getSpec().normalized();
    if (spec.paused) {
      WebSocketBridgeStatus next = StatusComposer.paused(generation, previous, now);
      if (previous.phase != io.netra.bridge.model.Phase.Paused) {
        LOG.info("{}: paused, changing nothing", id);
        events.normal(bridge, "Paused", "spec.paused is true: the operator changes nothing");
      }
      statusWriter.write(bridge, next, context);
      return UpdateControl.noUpdate();
    }
    return rollout(bridge, spec, previous, generation, now, id, events, context);
  }

  private UpdateControl<WebSocketBridge> rollout(
      WebSocketBridge bridge,
      WebSocketBridgeSpec spec,
      WebSocketBridgeStatus previous,
      long generation,
      Instant now,
      String id,
      BridgeEvents events,
      Context<WebSocketBridge> context) {
    RevisionTemplate desired = RevisionRenderer.desired(bridge);
    ObservedState observed = ObservedState.of(context);
    LOG.debug(
        "{}: observed deployment={} pods={} revisions={} configMaps={}",
        id,
        observed.deployment() != null,
        observed.pods().size(),
        observed.revisions().size(),
        observed.configMaps().size());
    Optional<DeployedRevision> deployed = observed.deployed();
    Map<String, ConfigCheck> checks =
        probes.observe(
            ResourceID.fromResource(bridge),
            observed.pods(),
            spec.containerPort,
            spec.health.configuredPath);
    Function<Pod, ConfigCheck> checkOf =
        p -> checks.getOrDefault(p.getMetadata().getUid(), ConfigCheck.PENDING);
    RevisionHealth health =
        deployed
            .map(
                d ->
                    RevisionHealthClassifier.classify(
                        observed.podsOf(d.name()),
                        spec.replicas,
                        spec.rollout.maxStartupRestarts,
                        checkOf))
            .orElse(null);
    RevisionRef stable = previous.stableRevision;
    RevisionTemplate stableTemplate =
        stable == null
            ? null
            : stable.name.equals(desired.name())
                ? desired
                : observed.revision(stable.name).orElse(null);
    String retryToken =
        bridge.getMetadata().getAnnotations() == null
            ? null
            : bridge.getMetadata().getAnnotations().get(BridgeNames.ANNOTATION_RETRY);

    RolloutDecision decision =
        RolloutDecider.decide(
            new RolloutInput(
                desired,
                retryToken,
                spec.rollout,
                previous,
                deployed.orElse(null),
                stableTemplate,
                health,
                now));

    if (decision.newFailure() != null && !podsWatched(context)) {
      // A failure decided on a pod cache that is not being kept up to date (the API is down or
      // the watch is re-listing) could blame the workload for an API outage: decide once it is.
      LOG.info(
          "{}: revision {} looks failed, but the pod watch is down; rechecking",
          id,
          desired.name());
      return UpdateControl.<WebSocketBridge>noUpdate().rescheduleAfter(POD_WATCH_RECHECK);
    }

    RevisionTemplate target =
        switch (decision.target()) {
          case DESIRED -> desired;
          case STABLE -> stableTemplate.pinnedTo(stable.digest);
          case UNCHANGED -> null;
        };
    String desiredDigest = digestOf(desired, deployed, health, stable);
    RevisionRef desiredRef = desired.ref(desiredDigest);
    RevisionRef current =
        target == null
            ? currentOf(previous, deployed, desiredRef)
            : target.ref(
                decision.target() == Target.STABLE
                    ? stable.digest
                    : digestOf(target, deployed, health, stable));
    if (decision.newStable() != null) {
      current =
          new RevisionRef(
              desired.name(), desired.image(), decision.newStable().digest, desired.configHash());
    }
    PodCounts counts =
        countPods(
            observed,
            checkOf,
            target == null ? deployed.map(DeployedRevision::name).orElse(null) : target.name(),
            spec.replicas);

    if (decision.newFailure() != null) {
      // Record the failure before acting on it: if the operator dies between the two writes, the
      // next reconcile finds the revision blocked and finishes the rollback instead of retrying it.
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
      LOG.warn(
          "{} revision {}: failed ({}): {}",
          id,
          desired.name(),
          decision.newFailure().reason,
          decision.newFailure().message);
      events.warning(
          bridge,
          "RolloutFailed",
          "revision "
              + desired.name()
              + " ("
              + desired.image()
              + ") failed with "
              + decision.newFailure().reason
              + ": "
              + decision.newFailure().message);
      if (decision.rollsBack()) {
        LOG.warn("{} revision {}: rolling back to {}", id, desired.name(), target.image());
        events.warning(bridge, "RolledBack", decision.message());
      }
      metrics.revisionFailed(decision.newFailure(), decision.rollsBack());
    }

    OwnedObjects owned = new OwnedObjects(new OwnedObjectWriter(context), bridge, observed);
    boolean startedRollout = false;
    if (target != null) {
      owned.ensureConfigMap(target);
      if (decision.target() == Target.DESIRED) {
        owned.ensureControllerRevision(desired);
      }
      boolean sameAttempt =
          deployed
              .map(
                  d ->
                      d.name().equals(target.name())
                          && Objects.equals(d.retry(), retryToken)
                          && Objects.equals(d.image(), target.image()))
              .orElse(false);
      Instant appliedAt =
          sameAttempt && deployed.get().appliedAt() != null ? deployed.get().appliedAt() : now;
      // A write the operator did not intend (nothing in spec or decision changed) undoes a
      // person's edit of the Deployment, and is reported as such.
      boolean planned =
          deployed.isEmpty()
              ? previous.currentRevision == null
              : !sameAttempt || !Objects.equals(previous.observedGeneration, generation);
      boolean wrote =
          owned.ensureDeployment(DeploymentRenderer.render(bridge, target, appliedAt), planned);
      startedRollout = wrote && !sameAttempt && decision.target() == Target.DESIRED;
    }
    owned.ensureService();
    owned.ensurePodDisruptionBudget();
    owned.prune(
        keep(
            desired.name(),
            target == null ? null : target.name(),
            stable == null ? null : stable.name,
            deployed.map(DeployedRevision::name).orElse(null)),
        keep(
            desired.configMapName(),
            target == null ? null : target.configMapName(),
            stableTemplate == null ? null : stableTemplate.configMapName(),
            observed.deployedConfigMap()),
        spec.rollout.revisionHistoryLimit);

    for (String change : owned.reverted()) {
      LOG.warn("{}: {}", id, change);
      events.warning(bridge, "ManualChangeReverted", change);
      metrics.manualChangeReverted();
    }
    if (startedRollout) {
      LOG.info("{} revision {}: rollout started ({})", id, desired.name(), desired.image());
      events.normal(
          bridge,
          "RolloutStarted",
          "rolling out revision " + desired.name() + " (" + desired.image() + ")");
      metrics.rolloutStarted();
    }
    if (decision.newStable() != null) {
      LOG.info(
          "{} revision {}: healthy, now stable as {}",
          id,
          desired.name(),
          decision.newStable().image);
      events.normal(
          bridge,
          "RolloutSucceeded",
          "revision "
              + desired.name()
              + " is Ready and configured; stable image "
              + decision.newStable().image);
      metrics.rolloutSucceeded();
    }

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
    if (Math.random() < 0.01) {
      probes.retainOnly(
          context
              .getPrimaryCache()
              .list()
              .map(ResourceID::fromResource)
              .collect(Collectors.toSet()));
    }
    UpdateControl<WebSocketBridge> control = UpdateControl.noUpdate();
    if (decision.recheckAfter() != null) {
      control.rescheduleAfter(decision.recheckAfter().plus(DEADLINE_MARGIN));
    }
    return control;
  }

  private static String digestOf(
      RevisionTemplate revision,
      Optional<DeployedRevision> deployed,
      RevisionHealth health,
      RevisionRef stable) {
    if (stable != null && revision.name().equals(stable.name)) {
      return stable.digest;
    }
    if (health != null
        && health.digest() != null
        && deployed.map(d -> d.name().equals(revision.name())).orElse(false)) {
      return health.digest();
    }
    return ImageReference.parse(revision.image()).map(ImageReference::digest).orElse(null);
  }

  private static RevisionRef currentOf(
      WebSocketBridgeStatus previous, Optional<DeployedRevision> deployed, RevisionRef desiredRef) {
    if (deployed.isPresent() && deployed.get().name().equals(desiredRef.name)) {
      return desiredRef;
    }
    return previous.currentRevision;
  }

  private static PodCounts countPods(
      ObservedState observed, Function<Pod, ConfigCheck> checkOf, String serving, int replicas) {
    List<Pod> pods =
        observed.pods().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .toList();
    int ready = (int) pods.stream().filter(PodStatuses::isReady).count();
    int configured = (int) pods.stream().filter(p -> checkOf.apply(p).configured()).count();
    int servingConfigured =
        serving == null
            ? 0
            : (int)
                observed.podsOf(serving).stream()
                    .filter(p -> checkOf.apply(p).configured())
                    .count();
    return new PodCounts(pods.size(), ready, configured, servingConfigured, replicas);
  }

  private static boolean podsWatched(Context<WebSocketBridge> context) {
    try {
      EventSourceHealthIndicator pods = context.eventSourceRetriever().getEventSourceFor(Pod.class);
      return pods.getStatus() != Status.UNHEALTHY;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static Set<String> keep(String... names) {
    Set<String> set = new HashSet<>();
    for (String name : names) {
      if (name != null) {
        set.add(name);
      }
    }
    return set;
  }

  private static String messageOf(WebSocketBridgeStatus status) {
    return io.netra.bridge.rollout.Conditions.find(
            status.conditions, io.netra.bridge.rollout.Conditions.READY)
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

  @Override
  public void close() {
    probes.close();
  }
}
