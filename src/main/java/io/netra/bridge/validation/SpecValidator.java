package io.netra.bridge.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.netra.bridge.model.BridgeConfig;
import io.netra.bridge.model.HealthSettings;
import io.netra.bridge.model.ImageReference;
import io.netra.bridge.model.LoggingSettings;
import io.netra.bridge.model.PodSettings;
import io.netra.bridge.model.RolloutSettings;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeSpec;
import io.netra.bridge.model.WebSocketSettings;
import io.netra.bridge.rendering.BridgeNames;
import io.netra.bridge.rendering.ConfigFileRenderer;
import io.netra.bridge.validation.ModelLimits.Range;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates a bridge the way its CRD schema would, and a little more (what the renderer needs), for
 * clusters and test servers that enforce no schema. Pure and total: it never throws and never
 * changes its input; null fields mean "the default". Violations come in a stable order: the order
 * of the spec's fields, map entries by key.
 */
public final class SpecValidator {
  /** Largest rendered config file (a ConfigMap holds at most 1 MiB in all). */
  public static final int MAX_CONFIG_FILE_BYTES = 256 * 1024;

  /** Largest total size of pod annotations, as Kubernetes counts it (keys and values). */
  public static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  public static final Set<String> RESERVED_ENV =
      Set.of(BridgeNames.ENV_CONFIG_FILE, BridgeNames.ENV_CONFIGURED_PATH);
  public static final Set<String> RESERVED_LABELS =
      Set.of(
          BridgeNames.LABEL_NAME,
          BridgeNames.LABEL_INSTANCE,
          BridgeNames.LABEL_MANAGED_BY,
          BridgeNames.LABEL_REVISION);
  public static final Set<String> RESERVED_ANNOTATIONS = Set.of(BridgeNames.ANNOTATION_CONFIG_HASH);

  private static final int MAX_IMAGE_LENGTH =
      ModelLimits.maxSize(WebSocketBridgeSpec.class, "image");
  private static final int MAX_PULL_SECRETS =
      ModelLimits.maxSize(WebSocketBridgeSpec.class, "imagePullSecrets");
  private static final int MAX_ENV = ModelLimits.maxSize(WebSocketBridgeSpec.class, "env");
  private static final int MAX_SETTINGS = ModelLimits.maxSize(BridgeConfig.class, "settings");
  private static final int MAX_LABELS = ModelLimits.maxSize(PodSettings.class, "labels");
  private static final int MAX_ANNOTATIONS = ModelLimits.maxSize(PodSettings.class, "annotations");
  private static final int MAX_NODE_SELECTOR =
      ModelLimits.maxSize(PodSettings.class, "nodeSelector");
  private static final int MAX_TOLERATIONS = ModelLimits.maxSize(PodSettings.class, "tolerations");
  private static final int MAX_WS_PATH_LENGTH =
      ModelLimits.maxSize(WebSocketSettings.class, "path");
  private static final int MAX_HEALTH_PATH_LENGTH =
      ModelLimits.maxSize(HealthSettings.class, "readinessPath");

  private static final Pattern IMAGE = Pattern.compile(ImageReference.PATTERN);
  private static final Pattern PATH = Pattern.compile(HealthSettings.PATH_PATTERN);
  private static final Pattern LEVEL = Pattern.compile(LoggingSettings.LEVEL_PATTERN);
  private static final Pattern FORMAT = Pattern.compile(LoggingSettings.FORMAT_PATTERN);
  private static final String PULL_POLICY_PATTERN =
      ModelLimits.pattern(WebSocketBridgeSpec.class, "imagePullPolicy");
  private static final Pattern PULL_POLICY = Pattern.compile(PULL_POLICY_PATTERN);
  private static final Pattern SETTING_KEY = Pattern.compile("[A-Za-z0-9._-]{1,253}");
  private static final int MAX_SETTING_KEY_LENGTH = 253;
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private SpecValidator() {}

  /** Every violation of {@code bridge}, in a stable order; empty when it is valid. */
  public static List<Violation> validate(WebSocketBridge bridge) {
    List<Violation> out = new ArrayList<>();
    try {
      if (bridge == null) {
        out.add(new Violation("resource", "must not be null"));
        return List.copyOf(out);
      }
      metadata(bridge.getMetadata(), out);
      WebSocketBridgeSpec spec = bridge.getSpec();
      if (spec == null) {
        out.add(new Violation("spec", "is required"));
      } else {
        spec(spec, out);
      }
    } catch (RuntimeException | StackOverflowError e) {
      // A safety net only: every rule above is written not to throw.
      out.add(new Violation("spec", "cannot be validated (internal error: " + e + ")"));
    }
    return List.copyOf(out);
  }

  private static void metadata(ObjectMeta metadata, List<Violation> out) {
    KubernetesNames.dns1035LabelError(
            metadata == null ? null : metadata.getName(), BridgeNames.MAX_NAME_LENGTH)
        .ifPresent(m -> out.add(new Violation("metadata.name", m)));
  }

  private static void spec(WebSocketBridgeSpec spec, List<Violation> out) {
    if (spec.unreadable != null) {
      out.add(new Violation(spec.unreadable.field(), spec.unreadable.problem()));
      return;
    }
    image(spec.image, out);
    if (spec.imagePullPolicy != null && !PULL_POLICY.matcher(spec.imagePullPolicy).matches()) {
      out.add(
          new Violation("spec.imagePullPolicy", oneOf(PULL_POLICY_PATTERN, spec.imagePullPolicy)));
    }
    if (spec.imagePullSecrets != null) {
      maxItems("spec.imagePullSecrets", spec.imagePullSecrets.size(), MAX_PULL_SECRETS, out);
      for (int i = 0; i < spec.imagePullSecrets.size(); i++) {
        String field = "spec.imagePullSecrets[" + i + "]";
        KubernetesNames.dns1123SubdomainError(spec.imagePullSecrets.get(i))
            .ifPresent(m -> out.add(new Violation(field, m)));
      }
    }
    range("spec.replicas", spec.replicas, WebSocketBridgeSpec.class, "replicas", out);
    range(
        "spec.containerPort", spec.containerPort, WebSocketBridgeSpec.class, "containerPort", out);
    if (spec.bridge != null) {
      bridge(spec.bridge, out);
    }
    if (spec.env != null) {
      env(spec.env, out);
    }
    if (spec.pod != null) {
      pod(spec.pod, out);
    }
    if (spec.health != null) {
      path("spec.health.readinessPath", spec.health.readinessPath, MAX_HEALTH_PATH_LENGTH, out);
      path("spec.health.livenessPath", spec.health.livenessPath, MAX_HEALTH_PATH_LENGTH, out);
      path("spec.health.configuredPath", spec.health.configuredPath, MAX_HEALTH_PATH_LENGTH, out);
    }
    if (spec.rollout != null) {
      rollout(spec.rollout, out);
    }
  }

  private static void image(String image, List<Violation> out) {
    String field = "spec.image";
    if (image == null || image.isEmpty()) {
      out.add(new Violation(field, "is required"));
    } else if (image.length() > MAX_IMAGE_LENGTH) {
      out.add(new Violation(field, tooLong(image, MAX_IMAGE_LENGTH)));
    } else if (!IMAGE.matcher(image).matches()) {
      out.add(
          new Violation(
              field,
              "must be repo[:tag], repo@sha256:<64 hex> or repo:tag@sha256:<64 hex>, with a lower"
                  + " case repository (got "
                  + Text.quote(image)
                  + ")"));
    }
  }

  private static void bridge(BridgeConfig bridge, List<Violation> out) {
    WebSocketSettings ws = bridge.websocket;
    if (ws != null) {
      path("spec.bridge.websocket.path", ws.path, MAX_WS_PATH_LENGTH, out);
      range(
          "spec.bridge.websocket.maxConnections",
          ws.maxConnections,
          WebSocketSettings.class,
          "maxConnections",
          out);
      range(
          "spec.bridge.websocket.pingIntervalSeconds",
          ws.pingIntervalSeconds,
          WebSocketSettings.class,
          "pingIntervalSeconds",
          out);
      range(
          "spec.bridge.websocket.idleTimeoutSeconds",
          ws.idleTimeoutSeconds,
          WebSocketSettings.class,
          "idleTimeoutSeconds",
          out);
      range(
          "spec.bridge.websocket.maxMessageBytes",
          ws.maxMessageBytes,
          WebSocketSettings.class,
          "maxMessageBytes",
          out);
    }
    LoggingSettings logging = bridge.logging;
    if (logging != null) {
      if (logging.level != null && !LEVEL.matcher(logging.level).matches()) {
        out.add(
            new Violation(
                "spec.bridge.logging.level", oneOf(LoggingSettings.LEVEL_PATTERN, logging.level)));
      }
      if (logging.format != null && !FORMAT.matcher(logging.format).matches()) {
        out.add(
            new Violation(
                "spec.bridge.logging.format",
                oneOf(LoggingSettings.FORMAT_PATTERN, logging.format)));
      }
    }
    if (bridge.settings != null) {
      maxItems("spec.bridge.settings", bridge.settings.size(), MAX_SETTINGS, out);
      for (Map.Entry<String, String> e : sorted(bridge.settings)) {
        String field = "spec.bridge.settings" + Text.key(e.getKey());
        String key = e.getKey();
        if (key == null
            || key.length() > MAX_SETTING_KEY_LENGTH
            || !SETTING_KEY.matcher(key).matches()) {
          out.add(
              new Violation(
                  field,
                  "key must be 1 to 253 characters of letters, digits, '.', '_' and '-' (got "
                      + Text.quote(key)
                      + ")"));
        }
        if (e.getValue() == null) {
          out.add(new Violation(field, "value must be a string, not null"));
        }
      }
    }
    configFileSize(bridge, out);
  }

  /** Renders the config file from a copy (defaults filled in) and checks its size. */
  private static void configFileSize(BridgeConfig bridge, List<Violation> out) {
    WebSocketBridgeSpec copy = new WebSocketBridgeSpec();
    copy.bridge = new BridgeConfig();
    if (bridge.websocket != null) {
      copy.bridge.websocket.path = bridge.websocket.path;
      copy.bridge.websocket.maxConnections = bridge.websocket.maxConnections;
      copy.bridge.websocket.pingIntervalSeconds = bridge.websocket.pingIntervalSeconds;
      copy.bridge.websocket.idleTimeoutSeconds = bridge.websocket.idleTimeoutSeconds;
      copy.bridge.websocket.maxMessageBytes = bridge.websocket.maxMessageBytes;
    }
    if (bridge.logging != null) {
      copy.bridge.logging.level = bridge.logging.level;
      copy.bridge.logging.format = bridge.logging.format;
    }
    if (bridge.settings != null) {
      bridge.settings.forEach(
          (k, v) -> {
            if (k != null) {
              copy.bridge.settings.put(k, v);
            }
          });
    }
    copy.normalized();
    int bytes;
    try {
      bytes =
          ConfigFileRenderer.render(copy.bridge)
              .fileContent()
              .getBytes(StandardCharsets.UTF_8)
              .length;
    } catch (RuntimeException e) {
      out.add(new Violation("spec.bridge", "cannot be rendered into a config file: " + e));
      return;
    }
    if (bytes > MAX_CONFIG_FILE_BYTES) {
      out.add(
          new Violation(
              "spec.bridge",
              "the rendered config file is "
                  + bytes
                  + " bytes ("
                  + kib(bytes)
                  + "); it must be at most "
                  + MAX_CONFIG_FILE_BYTES
                  + " bytes (256 KiB)"));
    }
  }

  private static void env(List<EnvVar> env, List<Violation> out) {
    maxItems("spec.env", env.size(), MAX_ENV, out);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < env.size(); i++) {
      String field = "spec.env[" + i + "]";
      EnvVar var = env.get(i);
      if (var == null) {
        out.add(new Violation(field, "must not be null"));
        continue;
      }
      String name = var.getName();
      if (name == null || name.isEmpty()) {
        out.add(new Violation(field + ".name", "is required"));
      } else if (!ENV_NAME.matcher(name).matches()) {
        out.add(
            new Violation(
                field + ".name",
                "must consist of letters, digits, '_', '-' and '.', and must not start with a digit"
                    + " (got "
                    + Text.quote(name)
                    + ")"));
      } else if (RESERVED_ENV.contains(name)) {
        out.add(new Violation(field + ".name", name + " is set by the operator itself"));
      } else {
        Integer first = seen.putIfAbsent(name, i);
        if (first != null) {
          out.add(
              new Violation(
                  field + ".name", "duplicates spec.env[" + first + "].name " + Text.quote(name)));
        }
      }
      EnvVarSource from = var.getValueFrom();
      if (from != null) {
        if (var.getValue() != null && !var.getValue().isEmpty()) {
          out.add(new Violation(field + ".valueFrom", "must not be set together with value"));
        }
        long sources =
            Stream.of(
                    from.getFieldRef(),
                    from.getResourceFieldRef(),
                    from.getConfigMapKeyRef(),
                    from.getSecretKeyRef(),
                    from.getFileKeyRef())
                .filter(Objects::nonNull)
                .count();
        if (sources != 1) {
          out.add(
              new Violation(
                  field + ".valueFrom",
                  "must set exactly one of fieldRef, resourceFieldRef, configMapKeyRef,"
                      + " secretKeyRef and fileKeyRef (got "
                      + sources
                      + ")"));
        }
      }
    }
  }

  private static void pod(PodSettings pod, List<Violation> out) {
    if (pod.labels != null) {
      maxItems("spec.pod.labels", pod.labels.size(), MAX_LABELS, out);
      labels("spec.pod.labels", pod.labels, out);
      for (Map.Entry<String, String> e : sorted(pod.labels)) {
        if (e.getKey() != null && RESERVED_LABELS.contains(e.getKey())) {
          out.add(
              new Violation(
                  "spec.pod.labels" + Text.key(e.getKey()),
                  "is a label the operator sets itself; it must not be set here"));
        }
      }
    }
    if (pod.annotations != null) {
      annotations(pod.annotations, out);
    }
    if (pod.nodeSelector != null) {
      maxItems("spec.pod.nodeSelector", pod.nodeSelector.size(), MAX_NODE_SELECTOR, out);
      labels("spec.pod.nodeSelector", pod.nodeSelector, out);
    }
    if (pod.tolerations != null) {
      maxItems("spec.pod.tolerations", pod.tolerations.size(), MAX_TOLERATIONS, out);
    }
    if (pod.serviceAccountName != null) {
      KubernetesNames.dns1123SubdomainError(pod.serviceAccountName)
          .ifPresent(m -> out.add(new Violation("spec.pod.serviceAccountName", m)));
    }
  }

  private static void labels(String field, Map<String, String> labels, List<Violation> out) {
    for (Map.Entry<String, String> e : sorted(labels)) {
      String entry = field + Text.key(e.getKey());
      KubernetesNames.qualifiedNameError(e.getKey())
          .ifPresent(m -> out.add(new Violation(entry, m)));
      KubernetesNames.labelValueError(e.getValue())
          .ifPresent(m -> out.add(new Violation(entry, m)));
    }
  }

  private static void annotations(Map<String, String> annotations, List<Violation> out) {
    String field = "spec.pod.annotations";
    maxItems(field, annotations.size(), MAX_ANNOTATIONS, out);
    long bytes = 0;
    for (Map.Entry<String, String> e : sorted(annotations)) {
      String entry = field + Text.key(e.getKey());
      KubernetesNames.qualifiedNameError(e.getKey())
          .ifPresent(m -> out.add(new Violation(entry, m)));
      if (e.getKey() != null && RESERVED_ANNOTATIONS.contains(e.getKey())) {
        out.add(
            new Violation(entry, "is an annotation the operator sets itself; it must not be set"));
      }
      if (e.getValue() == null) {
        out.add(new Violation(entry, "value must be a string, not null"));
      }
      bytes += utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      out.add(
          new Violation(
              field,
              "total size of keys and values is "
                  + bytes
                  + " bytes ("
                  + kib(bytes)
                  + "); it must be at most "
                  + MAX_ANNOTATIONS_BYTES
                  + " bytes (256 KiB)"));
    }
  }

  private static void rollout(RolloutSettings rollout, List<Violation> out) {
    Class<RolloutSettings> type = RolloutSettings.class;
    range(
        "spec.rollout.progressDeadlineSeconds",
        rollout.progressDeadlineSeconds,
        type,
        "progressDeadlineSeconds",
        out);
    range(
        "spec.rollout.maxStartupRestarts",
        rollout.maxStartupRestarts,
        type,
        "maxStartupRestarts",
        out);
    range("spec.rollout.maxSurge", rollout.maxSurge, type, "maxSurge", out);
    range("spec.rollout.maxUnavailable", rollout.maxUnavailable, type, "maxUnavailable", out);
    range("spec.rollout.drainSeconds", rollout.drainSeconds, type, "drainSeconds", out);
    range(
        "spec.rollout.revisionHistoryLimit",
        rollout.revisionHistoryLimit,
        type,
        "revisionHistoryLimit",
        out);
    // Null means the default (maxSurge 1, maxUnavailable 0), as the renderer will see it.
    RolloutSettings defaults = new RolloutSettings();
    int surge = rollout.maxSurge == null ? defaults.maxSurge : rollout.maxSurge;
    int unavailable =
        rollout.maxUnavailable == null ? defaults.maxUnavailable : rollout.maxUnavailable;
    if (surge == 0 && unavailable == 0) {
      out.add(
          new Violation(
              "spec.rollout",
              "maxSurge and maxUnavailable must not both be 0 (a rollout could never start)"));
    }
  }

  private static void path(String field, String path, int maxLength, List<Violation> out) {
    if (path == null) {
      return;
    }
    if (path.length() > maxLength) {
      out.add(new Violation(field, tooLong(path, maxLength)));
    } else if (!PATH.matcher(path).matches()) {
      out.add(
          new Violation(
              field,
              "must be an absolute HTTP path starting with '/' without spaces, '?' or '#' (got "
                  + Text.quote(path)
                  + ")"));
    }
  }

  private static void range(
      String field, Integer value, Class<?> type, String name, List<Violation> out) {
    if (value == null) {
      return;
    }
    Range range = ModelLimits.range(type, name);
    if (!range.contains(value)) {
      out.add(
          new Violation(
              field,
              "must be between " + range.min() + " and " + range.max() + " (got " + value + ")"));
    }
  }

  private static void maxItems(String field, int size, int max, List<Violation> out) {
    if (size > max) {
      out.add(new Violation(field, "must have at most " + max + " entries (got " + size + ")"));
    }
  }

  private static String oneOf(String enumPattern, String value) {
    String alternatives = enumPattern.replaceAll("^\\^\\(|\\)\\$$", "");
    return "must be one of "
        + String.join(", ", Arrays.asList(alternatives.split("\\|")))
        + " (got "
        + Text.quote(value)
        + ")";
  }

  private static String tooLong(String value, int maxLength) {
    return "must be at most " + maxLength + " characters (got " + value.length() + ")";
  }

  private static String kib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Map entries by key (null first), so the order of violations does not depend on the map. */
  private static List<Map.Entry<String, String>> sorted(Map<String, String> map) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    map.forEach((k, v) -> entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(k, v)));
    entries.sort(Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())));
    return entries;
  }
}
