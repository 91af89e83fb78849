package io.netra.bridge.rendering;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every name, label and annotation the operator derives from a bridge, in one place. */
public final class BridgeNames {
  public static final String APP_NAME = "websocket-bridge";
  public static final String MANAGER = "websocket-bridge-operator";

  public static final String LABEL_NAME = "app.kubernetes.io/name";
  public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String LABEL_REVISION = "bridge.netra.io/revision";

  /** Every annotation the operator writes starts with it; the operator owns them all. */
  public static final String ANNOTATION_PREFIX = "bridge.netra.io/";

  public static final String ANNOTATION_CONFIG_HASH = "bridge.netra.io/config-hash";
  public static final String ANNOTATION_REVISION = "bridge.netra.io/revision";
  public static final String ANNOTATION_APPLIED_AT = "bridge.netra.io/applied-at";
  public static final String ANNOTATION_IMAGE = "bridge.netra.io/image";
  public static final String ANNOTATION_RETRY = "bridge.netra.io/retry";
  public static final String ANNOTATION_ROLLED_BACK_FROM = "bridge.netra.io/rolled-back-from";

  public static final String CONTAINER = "bridge";
  public static final String PORT_NAME = "ws";
  public static final String CONFIG_FILE_KEY = "bridge.yaml";
  public static final String CONFIG_DIR = "/etc/websocket-bridge";
  public static final String ENV_CONFIG_FILE = "BRIDGE_CONFIG_FILE";
  public static final String ENV_CONFIGURED_PATH = "BRIDGE_CONFIGURED_PATH";

  /** Selects every object the operator manages, for its informers. */
  public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGER;

  /** Longest bridge name whose derived names all fit Kubernetes' limits (Service: 63). */
  public static final int MAX_NAME_LENGTH = 52;

  private BridgeNames() {}

  public static String deployment(String bridge) {
    return bridge;
  }

  public static String service(String bridge) {
    return bridge;
  }

  public static String podDisruptionBudget(String bridge) {
    return bridge;
  }

  public static String configMap(String bridge, String configHash) {
    return bridge + "-config-" + configHash.substring(0, 10);
  }

  public static String controllerRevision(String bridge, String revision) {
    return bridge + "-" + revision;
  }

  /** Labels every owned object carries; also the Deployment's and Service's selector. */
  public static Map<String, String> selectorLabels(String bridge) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_NAME, APP_NAME);
    labels.put(LABEL_INSTANCE, bridge);
    return labels;
  }

  public static Map<String, String> ownedLabels(String bridge) {
    Map<String, String> labels = selectorLabels(bridge);
    labels.put(LABEL_MANAGED_BY, MANAGER);
    return labels;
  }
}
