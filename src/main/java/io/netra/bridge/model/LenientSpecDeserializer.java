package io.netra.bridge.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Reads {@code spec} so that a value of the wrong JSON type (say {@code replicas: "abc"}, possible
 * where the CRD schema is not enforced) yields a spec marked unreadable instead of an exception: an
 * exception here would fail the informer's watch and stop the whole operator, for every bridge.
 */
class LenientSpecDeserializer extends StdDeserializer<WebSocketBridgeSpec> {
  private static final long serialVersionUID = 1L;
  private static final int MAX_PROBLEM_LENGTH = 200;

  LenientSpecDeserializer() {
    super(WebSocketBridgeSpec.class);
  }

  @Override
  public WebSocketBridgeSpec deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    JsonNode tree = context.readTree(parser);
    try {
      return context.readTreeAsValue(tree, WebSocketBridgeSpec.class);
    } catch (DatabindException | IllegalArgumentException e) {
      WebSocketBridgeSpec unreadable = new WebSocketBridgeSpec();
      unreadable.unreadable = new WebSocketBridgeSpec.Unreadable(fieldOf(e), problemOf(e), tree);
      return unreadable;
    }
  }

  /** Writes an unreadable spec back as it was read, so that copies of the resource stay so. */
  static class Serializer extends StdSerializer<WebSocketBridgeSpec> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(WebSocketBridgeSpec.class);
    }

    @Override
    public void serialize(
        WebSocketBridgeSpec spec, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (spec.unreadable != null) {
        generator.writeTree(spec.unreadable.raw());
      } else {
        provider
            .findValueSerializer(WebSocketBridgeSpec.class)
            .serialize(spec, generator, provider);
      }
    }
  }

  private static String fieldOf(Exception e) {
    StringBuilder field = new StringBuilder("spec");
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          field.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    return field.toString();
  }

  private static String problemOf(Exception e) {
    String message =
        e instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : e.getMessage();
    message = message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    if (message.length() > MAX_PROBLEM_LENGTH) {
      message = message.substring(0, MAX_PROBLEM_LENGTH) + "...";
    }
    return "has the wrong type: " + message;
  }
}
