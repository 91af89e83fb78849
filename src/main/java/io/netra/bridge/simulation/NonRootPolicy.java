package io.netra.bridge.simulation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.Optional;

/**
 * The kubelet's {@code runAsNonRoot} check: with it, a container must run as a non-zero UID, set by
 * {@code runAsUser} or by the image's numeric {@code USER}; a root or named user is refused with
 * {@code CreateContainerConfigError}, since the kubelet cannot verify a name.
 */
final class NonRootPolicy {

  private NonRootPolicy() {}

  /**
   * @param imageUser the image's {@code USER} ({@code uid}, {@code uid:gid}, a name, or "" for
   *     root)
   * @param podDescription {@code name_namespace(uid)}, as the kubelet names a pod in messages
   * @return the kubelet's message when the container may not start
   */
  static Optional<String> violation(
      Pod pod, Container container, String imageUser, String podDescription) {
    SecurityContext own = container.getSecurityContext();
    PodSecurityContext shared = pod.getSpec().getSecurityContext();
    Boolean nonRoot = own != null ? own.getRunAsNonRoot() : null;
    if (nonRoot == null && shared != null) {
      nonRoot = shared.getRunAsNonRoot();
    }
    if (!Boolean.TRUE.equals(nonRoot)) {
      return Optional.empty();
    }
    String where = " (pod: \"" + podDescription + "\", container: " + container.getName() + ")";
    Long runAsUser = own != null ? own.getRunAsUser() : null;
    if (runAsUser == null && shared != null) {
      runAsUser = shared.getRunAsUser();
    }
    if (runAsUser != null) {
      return runAsUser == 0
          ? Optional.of("container's runAsUser breaks non-root policy" + where)
          : Optional.empty();
    }
    String user = imageUser.split(":", 2)[0];
    if (user.isEmpty() || user.equals("0")) {
      return Optional.of("container has runAsNonRoot and image will run as root" + where);
    }
    if (!user.chars().allMatch(Character::isDigit)) {
      return Optional.of(
          "container has runAsNonRoot and image has non-numeric user ("
              + user
              + "), cannot verify user is non-root"
              + where);
    }
    return Optional.empty();
  }
}
