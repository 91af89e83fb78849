package io.netra.bridge.simulation;

/** The HTTP status and JSON body of a bridge's configured endpoint. */
record EndpointAnswer(int status, String body) {

  static final EndpointAnswer NOT_CONFIGURED = new EndpointAnswer(503, "{\"configured\": false}");

  static EndpointAnswer configured(String configHash) {
    return new EndpointAnswer(
        200, "{\"configured\": true, \"configHash\": \"" + configHash + "\"}");
  }
}
