package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateRunningBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaitingBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * One container's life on the simulated kubelet: pull, start, become Ready or crash and restart
 * with back-off. {@link #advance} makes one transition; the status is a pure function of the state,
 * so an unchanged state renders an equal status (and causes no write).
 */
final class ContainerSimulation {

  /** Returned by {@link #advance} when nothing more happens on its own. */
  static final int NEVER = 0;

  private enum Stage {
    CREATING,
    PULL_FAILED,
    PULL_BACK_OFF,
    INVALID_IMAGE,
    CONFIG_ERROR,
    RUNNING,
    TERMINATED,
    CRASH_BACK_OFF
  }

  private final Container container;
  private final String name;
  private final String image;
  private final boolean bridge;
  private final String terminationMessagePolicy;
  private final String podDescription;
  private final String podUid;

  private Stage stage = Stage.CREATING;
  private PulledImage pulled;
  private int pullFailures;
  private int mountFailures;
  private int configFailures;
  private boolean readinessFailing;
  private int restartCount;
  private boolean ready;
  private String waitingMessage;
  private String startedAt;
  private String configHash;
  private ContainerStateTerminated termination;
  private ContainerStateTerminated lastTermination;
  private Crash crash;

  /** How the process started by the current attempt is going to exit, if it does. */
  private record Crash(int exitCode, String message) {}

  ContainerSimulation(Container container, Pod pod) {
    this.container = container;
    this.name = container.getName();
    this.image = container.getImage();
    this.bridge = BridgeContainer.NAME.equals(container.getName());
    this.terminationMessagePolicy = container.getTerminationMessagePolicy();
    this.podUid = pod.getMetadata().getUid();
    this.podDescription =
        pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + podUid + ")";
  }

  /** Makes the next transition; returns the steps until the following one, or {@link #NEVER}. */
  int advance(ContainerRuntime runtime, Pod pod) {
    switch (stage) {
      case CREATING:
      case PULL_BACK_OFF:
      case CONFIG_ERROR:
      case CRASH_BACK_OFF:
        return start(runtime, pod);
      case PULL_FAILED:
        stage = Stage.PULL_BACK_OFF;
        waitingMessage = "Back-off pulling image \"" + image + "\"";
        return runtime.backOffSteps(pullFailures);
      case RUNNING:
        if (crash != null) {
          return terminate(runtime);
        }
        ready = !readinessFailing;
        return NEVER;
      case TERMINATED:
        restartCount++;
        lastTermination = termination;
        termination = null;
        stage = Stage.CRASH_BACK_OFF;
        int backOff = runtime.backOffSteps(restartCount);
        waitingMessage =
            "back-off "
                + backOffSeconds(restartCount)
                + "s restarting failed container="
                + name
                + " pod="
                + podDescription;
        return backOff;
      default:
        return NEVER;
    }
  }

  private int start(ContainerRuntime runtime, Pod pod) {
    // Volumes are mounted before any image is pulled; until then the pod is ContainerCreating.
    MountedConfig config = runtime.mountedConfig(pod);
    if (config.mountFailure().isPresent()) {
      MountedConfig.MountFailure failure = config.mountFailure().get();
      mountFailures++;
      runtime.events().failedMount(pod, failure.volume(), failure.message());
      return runtime.backOffSteps(mountFailures);
    }
    if (pulled == null) {
      Optional<ImageReference> reference = ImageReference.parse(image);
      if (reference.isEmpty()) {
        stage = Stage.INVALID_IMAGE;
        waitingMessage =
            "Failed to apply default image tag \""
                + image
                + "\": couldn't parse image name \""
                + image
                + "\": invalid reference format";
        return NEVER;
      }
      Optional<PulledImage> found = runtime.registry().resolve(reference.get());
      if (found.isEmpty()) {
        pullFailures++;
        stage = Stage.PULL_FAILED;
        waitingMessage =
            "rpc error: code = NotFound desc = failed to pull and unpack image \""
                + image
                + "\": failed to resolve reference \""
                + image
                + "\": "
                + image
                + ": not found";
        return 1;
      }
      pulled = found.get();
    }
    ImageBehaviour behaviour = pulled.behaviour();
    Optional<String> configError =
        EnvReferences.unresolved(runtime.client(), pod, container)
            .or(() -> NonRootPolicy.violation(pod, container, behaviour.user(), podDescription));
    if (configError.isPresent()) {
      configFailures++;
      stage = Stage.CONFIG_ERROR;
      waitingMessage = configError.get();
      return runtime.backOffSteps(configFailures);
    }
    stage = Stage.RUNNING;
    ready = false;
    startedAt = runtime.timestamps().now();
    waitingMessage = null;
    configHash = config.bridgeYaml().map(MountedConfig::configHash).orElse(null);
    crash = crashOf(behaviour, pod);
    if (crash != null) {
      return 1;
    }
    boolean probeCanPass = !bridge || ServedProbe.readinessCanPass(container);
    return behaviour.kind() == ImageBehaviour.Kind.NEVER_READY || !probeCanPass
        ? NEVER
        : runtime.settings().readinessSteps();
  }

  /**
   * From now on the readiness probe fails (a dependency went down); returns true when the container
   * is running and must be looked at again to report it.
   */
  boolean failReadiness() {
    readinessFailing = true;
    return stage == Stage.RUNNING && ready;
  }

  private Crash crashOf(ImageBehaviour behaviour, Pod pod) {
    if (behaviour.kind() == ImageBehaviour.Kind.CRASHES_AT_STARTUP) {
      return new Crash(behaviour.exitCode(), behaviour.message());
    }
    if (bridge && configHash == null) {
      return new Crash(
          1,
          "FileNotFoundError: [Errno 2] No such file or directory: '"
              + BridgeContainer.configFile(pod)
              + "'");
    }
    return null;
  }

  private int terminate(ContainerRuntime runtime) {
    ready = false;
    stage = Stage.TERMINATED;
    termination =
        new ContainerStateTerminatedBuilder()
            .withExitCode(crash.exitCode())
            .withReason("Error")
            .withMessage(
                TerminationMessageRule.message(
                    terminationMessagePolicy, crash.exitCode(), crash.message()))
            .withStartedAt(startedAt)
            .withFinishedAt(runtime.timestamps().now())
            .withContainerID(containerId())
            .build();
    return 1;
  }

  private static int backOffSeconds(int restarts) {
    return (int) Math.min(300, 10L << Math.min(restarts - 1, 10));
  }

  private String containerId() {
    return "containerd://" + SimulatedRegistry.sha256Hex(podUid + "/" + name + "/" + restartCount);
  }

  boolean ready() {
    return ready;
  }

  boolean hasStarted() {
    return startedAt != null;
  }

  boolean isBridge() {
    return bridge;
  }

  /** The process is up (not crashing), so it listens on its port. */
  boolean serving() {
    return stage == Stage.RUNNING && crash == null;
  }

  /** Whether the operator can connect to the config endpoint at all. */
  boolean reachableByOperator() {
    return pulled == null
        || pulled.behaviour().kind() != ImageBehaviour.Kind.CONFIG_ENDPOINT_UNREACHABLE;
  }

  /** What the bridge process answers on its configured endpoint right now. */
  EndpointAnswer endpointAnswer() {
    if (!serving() || !ready || configHash == null) {
      return EndpointAnswer.NOT_CONFIGURED;
    }
    if (pulled.behaviour().kind() == ImageBehaviour.Kind.STALE_CONFIG) {
      return EndpointAnswer.configured(MountedConfig.configHash("stale:" + configHash));
    }
    return EndpointAnswer.configured(configHash);
  }

  ContainerStatus status() {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(image)
        .withImageID(pulled == null ? "" : pulled.imageId())
        .withContainerID(hasStarted() ? containerId() : null)
        .withReady(ready)
        .withStarted(stage == Stage.RUNNING)
        .withRestartCount(restartCount)
        .withState(state())
        .withLastState(
            lastTermination == null
                ? new ContainerState()
                : new ContainerStateBuilder().withTerminated(lastTermination).build())
        .build();
  }

  private ContainerState state() {
    return switch (stage) {
      case RUNNING ->
          new ContainerStateBuilder()
              .withRunning(new ContainerStateRunningBuilder().withStartedAt(startedAt).build())
              .build();
      case TERMINATED -> new ContainerStateBuilder().withTerminated(termination).build();
      default ->
          new ContainerStateBuilder()
              .withWaiting(
                  new ContainerStateWaitingBuilder()
                      .withReason(waitingReason())
                      .withMessage(waitingMessage)
                      .build())
              .build();
    };
  }

  private String waitingReason() {
    return switch (stage) {
      case CREATING -> "ContainerCreating";
      case PULL_FAILED -> "ErrImagePull";
      case PULL_BACK_OFF -> "ImagePullBackOff";
      case INVALID_IMAGE -> "InvalidImageName";
      case CONFIG_ERROR -> "CreateContainerConfigError";
      case CRASH_BACK_OFF -> "CrashLoopBackOff";
      default -> throw new IllegalStateException("not waiting: " + stage);
    };
  }

  String name() {
    return name;
  }
}
