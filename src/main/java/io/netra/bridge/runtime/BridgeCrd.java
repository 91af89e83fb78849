package io.netra.bridge.runtime;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The WebSocketBridge CRD generated from the model at build time, as shipped in the jar. */
public final class BridgeCrd {
  public static final String RESOURCE = "META-INF/fabric8/websocketbridges.bridge.netra.io-v1.yml";

  private BridgeCrd() {}

  public static CustomResourceDefinition load() {
    try (InputStream in = BridgeCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing: build with Maven (process-classes)");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
