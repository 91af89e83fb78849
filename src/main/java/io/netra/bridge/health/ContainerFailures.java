package io.netra.bridge.health;

import io.netra.bridge.model.FailureReason;
import java.util.Map;
import java.util.Optional;

/** The container waiting reasons that fail a new revision at once, whatever its restart count. */
final class ContainerFailures {
  private static final Map<String, FailureReason> FATAL_WAITING_REASONS =
      Map.of(
          "ErrImagePull", FailureReason.ImagePullFailure,
          "ImagePullBackOff", FailureReason.ImagePullFailure,
          "InvalidImageName", FailureReason.ImagePullFailure,
          "CreateContainerConfigError", FailureReason.ContainerConfigError,
          "CreateContainerError", FailureReason.ContainerConfigError,
          "RunContainerError", FailureReason.ContainerConfigError);

  static final String CRASH_LOOP = "CrashLoopBackOff";

  private ContainerFailures() {}

  static Optional<FailureReason> fatal(String waitingReason) {
    return Optional.ofNullable(waitingReason).map(FATAL_WAITING_REASONS::get);
  }
}
