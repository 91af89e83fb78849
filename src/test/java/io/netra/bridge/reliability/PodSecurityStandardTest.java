package io.netra.bridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.rendering.RevisionRenderer;
import io.netra.bridge.testing.TestBridges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 12 (bridge pods): the rendered bridge pod satisfies the restricted Pod Security
 * Standard (https://kubernetes.io/docs/concepts/security/pod-security-standards/), every control of
 * the baseline and restricted profiles checked field by field. The operator's own pod is rendered
 * by the Helm chart, which is not on this branch yet.
 */
class PodSecurityStandardTest {
  private static final Set<String> RESTRICTED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SELINUX_TYPES =
      Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  /** Every violation of the restricted profile, as "field: problem"; empty when it complies. */
  static List<String> restrictedViolations(PodSpec pod) {
    List<String> out = new ArrayList<>();
    // Baseline: host namespaces.
    if (Boolean.TRUE.equals(pod.getHostNetwork())) out.add("spec.hostNetwork: must be unset/false");
    if (Boolean.TRUE.equals(pod.getHostPID())) out.add("spec.hostPID: must be unset/false");
    if (Boolean.TRUE.equals(pod.getHostIPC())) out.add("spec.hostIPC: must be unset/false");
    // Restricted: volume types.
    for (Volume v : pod.getVolumes()) {
      String type = volumeType(v);
      if (!RESTRICTED_VOLUME_TYPES.contains(type)) {
        out.add("spec.volumes[" + v.getName() + "]: type " + type + " not allowed");
      }
    }
    PodSecurityContext psc = pod.getSecurityContext();
    if (psc != null) {
      if (psc.getSysctls() != null) {
        psc.getSysctls().stream()
            .filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
            .forEach(s -> out.add("spec.securityContext.sysctls: " + s.getName() + " unsafe"));
      }
      if (Long.valueOf(0).equals(psc.getRunAsUser())) {
        out.add("spec.securityContext.runAsUser: must not be 0");
      }
      seccomp("spec.securityContext.seccompProfile", psc.getSeccompProfile(), out);
      if (psc.getSeLinuxOptions() != null) {
        seLinux("spec.securityContext.seLinuxOptions", psc.getSeLinuxOptions(), out);
      }
      if (psc.getAppArmorProfile() != null
          && "Unconfined".equals(psc.getAppArmorProfile().getType())) {
        out.add("spec.securityContext.appArmorProfile: must not be Unconfined");
      }
      if (psc.getWindowsOptions() != null
          && Boolean.TRUE.equals(psc.getWindowsOptions().getHostProcess())) {
        out.add("spec.securityContext.windowsOptions.hostProcess: must not be true");
      }
    }
    boolean podNonRoot = psc != null && Boolean.TRUE.equals(psc.getRunAsNonRoot());
    boolean podSeccomp = psc != null && psc.getSeccompProfile() != null;
    List<Container> containers =
        Stream.of(pod.getContainers(), pod.getInitContainers())
            .flatMap(l -> l == null ? Stream.empty() : l.stream())
            .toList();
    assertThat(pod.getEphemeralContainers()).isNullOrEmpty();
    for (Container c : containers) {
      String at = "containers[" + c.getName() + "]";
      c.getPorts().stream()
          .filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
          .forEach(p -> out.add(at + ".ports.hostPort: must be unset/0"));
      SecurityContext sc = c.getSecurityContext();
      if (sc == null) {
        out.add(at + ".securityContext: missing (allowPrivilegeEscalation and capabilities)");
        continue;
      }
      if (Boolean.TRUE.equals(sc.getPrivileged())) out.add(at + ".privileged: must not be true");
      if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        out.add(at + ".allowPrivilegeEscalation: must be false");
      }
      if (!(Boolean.TRUE.equals(sc.getRunAsNonRoot())
          || podNonRoot && sc.getRunAsNonRoot() == null)) {
        out.add(at + ".runAsNonRoot: must be true (here or on the pod)");
      }
      if (Long.valueOf(0).equals(sc.getRunAsUser())) out.add(at + ".runAsUser: must not be 0");
      if (sc.getSeccompProfile() == null && !podSeccomp) {
        out.add(at + ".seccompProfile: must be set (here or on the pod)");
      }
      seccomp(at + ".seccompProfile", sc.getSeccompProfile(), out);
      Capabilities caps = sc.getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        out.add(at + ".capabilities.drop: must contain ALL");
      }
      if (caps != null && caps.getAdd() != null) {
        caps.getAdd().stream()
            .filter(a -> !a.equals("NET_BIND_SERVICE"))
            .forEach(a -> out.add(at + ".capabilities.add: " + a + " not allowed"));
      }
      if (sc.getProcMount() != null && !sc.getProcMount().equals("Default")) {
        out.add(at + ".procMount: must be Default");
      }
      if (sc.getSeLinuxOptions() != null) {
        seLinux(at + ".seLinuxOptions", sc.getSeLinuxOptions(), out);
      }
      if (sc.getAppArmorProfile() != null
          && "Unconfined".equals(sc.getAppArmorProfile().getType())) {
        out.add(at + ".appArmorProfile: must not be Unconfined");
      }
      if (sc.getWindowsOptions() != null
          && Boolean.TRUE.equals(sc.getWindowsOptions().getHostProcess())) {
        out.add(at + ".windowsOptions.hostProcess: must not be true");
      }
    }
    return out;
  }

  private static void seccomp(String field, SeccompProfile profile, List<String> out) {
    if (profile != null
        && !profile.getType().equals("RuntimeDefault")
        && !profile.getType().equals("Localhost")) {
      out.add(field + ": must be RuntimeDefault or Localhost, was " + profile.getType());
    }
  }

  private static void seLinux(
      String field, io.fabric8.kubernetes.api.model.SELinuxOptions options, List<String> out) {
    if (options.getType() != null && !SELINUX_TYPES.contains(options.getType())) {
      out.add(field + ".type: " + options.getType() + " not allowed");
    }
    if (options.getUser() != null || options.getRole() != null) {
      out.add(field + ": user and role must be unset");
    }
  }

  private static String volumeType(Volume v) {
    if (v.getConfigMap() != null) return "configMap";
    if (v.getEmptyDir() != null) return "emptyDir";
    if (v.getSecret() != null) return "secret";
    if (v.getProjected() != null) return "projected";
    if (v.getDownwardAPI() != null) return "downwardAPI";
    if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
    if (v.getCsi() != null) return "csi";
    if (v.getEphemeral() != null) return "ephemeral";
    if (v.getHostPath() != null) return "hostPath";
    return "other";
  }

  private static PodSpec rendered(WebSocketBridge bridge) {
    bridge.getSpec().normalized();
    return RevisionRenderer.desired(bridge).podTemplate().getSpec();
  }

  @Test
  void aMinimalBridgePodIsRestricted() {
    PodSpec pod = rendered(TestBridges.minimal());
    assertThat(restrictedViolations(pod)).isEmpty();
    // The individual controls, so a regression names itself.
    Container bridge = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(bridge.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(bridge.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(bridge.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(bridge.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(bridge.getSecurityContext().getPrivileged()).isNull();
    assertThat(pod.getHostNetwork()).isNull();
    assertThat(pod.getHostPID()).isNull();
    assertThat(pod.getHostIPC()).isNull();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void aBridgeWithEverySettingUsedIsStillRestricted() {
    assertThat(restrictedViolations(rendered(TestBridges.full()))).isEmpty();
  }

  @Test
  void theCheckerCatchesAViolation() {
    PodSpec pod = rendered(TestBridges.minimal());
    pod.setHostNetwork(true);
    pod.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
    pod.getContainers().get(0).getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN"));
    assertThat(restrictedViolations(pod))
        .containsExactlyInAnyOrder(
            "spec.hostNetwork: must be unset/false",
            "containers[bridge].allowPrivilegeEscalation: must be false",
            "containers[bridge].capabilities.add: SYS_ADMIN not allowed");
  }
}
