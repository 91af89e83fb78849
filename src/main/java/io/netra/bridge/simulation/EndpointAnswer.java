package io.netra.bridge.simulation;

/** The HTTP status and JSON body of one of a bridge's endpoints. */
record EndpointAnswer(int status, String body) {

  static final EndpointAnswer NOT_CONFIGURED = new EndpointAnswer(503, "{\"configured\": false}");
  static final EndpointAnswer READY = new EndpointAnswer(200, "{\"ready\": true}");
  static final EndpointAnswer NOT_READY = new EndpointAnswer(503, "{\"ready\": false}");
  static final EndpointAnswer ALIVE = new EndpointAnswer(200, "{\"alive\": true}");
  static final EndpointAnswer NOT_FOUND = new EndpointAnswer(404, "{\"error\": \"not found\"}");

  static EndpointAnswer configured(String configHash) {
    return new EndpointAnswer(
        200, "{\"configured\": true, \"configHash\": \"" + configHash + "\"}");
  }
}
