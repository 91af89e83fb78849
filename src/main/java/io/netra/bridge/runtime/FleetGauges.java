package io.netra.bridge.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netra.bridge.model.Phase;
import io.netra.bridge.model.WebSocketBridge;
import io.netra.bridge.model.WebSocketBridgeStatus;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Gauges over every bridge in the operator's cache, read when scraped: bridges by phase and the
 * replica counts summed. Labels are the phase only; never a bridge name.
 */
public final class FleetGauges {
  static final String BRIDGES = "websocket_bridge_bridges";
  static final String DESIRED = "websocket_bridge_replicas_desired";
  static final String READY = "websocket_bridge_replicas_ready";
  static final String CONFIGURED = "websocket_bridge_replicas_configured";

  private FleetGauges() {}

  public static void register(MeterRegistry registry, Supplier<Stream<WebSocketBridge>> bridges) {
    for (Phase phase : Phase.values()) {
      Gauge.builder(BRIDGES, bridges, b -> b.get().filter(x -> phaseOf(x) == phase).count())
          .description(
              "WebSocketBridges by status phase (Pending also counts bridges without status)")
          .tag("phase", phase.name())
          .strongReference(true)
          .register(registry);
    }
    gauge(registry, DESIRED, "Sum of spec.replicas (default 2)", bridges, FleetGauges::desired);
    gauge(
        registry,
        READY,
        "Sum of status.readyReplicas: bridge pods Ready",
        bridges,
        b -> b.getStatus() == null ? 0 : valueOf(b.getStatus().readyReplicas));
    gauge(
        registry,
        CONFIGURED,
        "Sum of status.configuredReplicas: bridge pods that report the current config hash",
        bridges,
        b -> b.getStatus() == null ? 0 : valueOf(b.getStatus().configuredReplicas));
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Supplier<Stream<WebSocketBridge>> bridges,
      ToIntFunction<WebSocketBridge> value) {
    Gauge.builder(name, bridges, b -> b.get().mapToInt(value).sum())
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private static Phase phaseOf(WebSocketBridge bridge) {
    WebSocketBridgeStatus status = bridge.getStatus();
    return status == null || status.phase == null ? Phase.Pending : status.phase;
  }

  private static int desired(WebSocketBridge bridge) {
    if (bridge.getSpec() == null) {
      return 0;
    }
    Integer replicas = bridge.getSpec().replicas;
    return replicas == null ? 2 : replicas;
  }

  private static int valueOf(Integer value) {
    return value == null ? 0 : value;
  }
}
