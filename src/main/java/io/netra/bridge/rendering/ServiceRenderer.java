package io.netra.bridge.rendering;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.netra.bridge.model.WebSocketBridge;
import java.util.Map;

/** The Service in front of the bridge pods, port {@code ws}. */
public final class ServiceRenderer {
  private ServiceRenderer() {}

  public static Service render(WebSocketBridge bridge) {
    String name = bridge.getMetadata().getName();
    return new ServiceBuilder()
        .withMetadata(OwnedMetadata.of(bridge, BridgeNames.service(name), Map.of()))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(BridgeNames.selectorLabels(name))
        .addNewPort()
        .withName(BridgeNames.PORT_NAME)
        .withPort(bridge.getSpec().containerPort)
        .withTargetPort(new IntOrString(BridgeNames.PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
