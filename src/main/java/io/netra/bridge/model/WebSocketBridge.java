package io.netra.bridge.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A WebSocket bridge that the operator rolls out, verifies and rolls back by digest. */
@Group(WebSocketBridge.GROUP)
@Version(WebSocketBridge.VERSION)
@Kind("WebSocketBridge")
@Plural("websocketbridges")
@Singular("websocketbridge")
@ShortNames("wsb")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Desired",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Serving",
    jsonPath = ".status.currentRevision.image",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Digest",
    jsonPath = ".status.currentRevision.digest",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// The lenient (de)serializer hides the spec's shape from the CRD generator: name it again.
@SchemaSwap(
    originalType = WebSocketBridge.class,
    fieldName = "spec",
    targetType = WebSocketBridgeSpec.class)
public class WebSocketBridge extends CustomResource<WebSocketBridgeSpec, WebSocketBridgeStatus>
    implements Namespaced {
  public static final String GROUP = "bridge.netra.io";
  public static final String VERSION = "v1alpha1";

  /** Read leniently: one resource with a wrongly typed field must not stop the informer. */
  @Override
  @JsonDeserialize(using = LenientSpecDeserializer.class)
  public void setSpec(WebSocketBridgeSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonSerialize(using = LenientSpecDeserializer.Serializer.class)
  public WebSocketBridgeSpec getSpec() {
    return super.getSpec();
  }

  @Override
  protected WebSocketBridgeStatus initStatus() {
    return new WebSocketBridgeStatus();
  }
}
