package com.cjmflow.events;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a CloudEvent in structured mode (the whole event as JSON) or binary mode (attributes as {@code ce-*}
 * headers, HTTP, or {@code ce_*} headers, Kafka; the body is the data). Anything that is not a CloudEvent 1.0 with
 * id, source and type, or whose data is not a JSON object, is a 400 problem.
 */
public final class InboundEnvelope {

  public static final String STRUCTURED = "application/cloudevents+json";

  private InboundEnvelope() {}

  public static InboundEvent structured(ObjectMapper json, byte[] body) {
    JsonNode event = parse(json, body, "the body is not a JSON CloudEvent");
    if (!event.isObject()) {
      throw InboundData.invalid("a structured CloudEvent is a JSON object");
    }
    Function<String, String> attribute = name -> event.hasNonNull(name) && event.get(name).isValueNode()
        ? event.get(name).asText() : null;
    String contentType = attribute.apply("datacontenttype");
    if (contentType != null && !contentType.startsWith("application/json")) {
      throw InboundData.invalid("datacontenttype must be application/json");
    }
    return read(attribute, event.get("data"));
  }

  /** {@code header} answers an attribute's value by its bare name (id, source, type, …), or null. */
  public static InboundEvent binary(ObjectMapper json, Function<String, String> header, byte[] body) {
    return read(header, body == null || body.length == 0 ? null : parse(json, body, "the body is not JSON data"));
  }

  private static InboundEvent read(Function<String, String> attribute, JsonNode data) {
    if (!"1.0".equals(attribute.apply("specversion"))) {
      throw InboundData.invalid("specversion must be 1.0");
    }
    String id = required(attribute, "id", 200);
    String source = required(attribute, "source", 500);
    String type = required(attribute, "type", 200);
    if (!type.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw InboundData.invalid("type must be letters, digits, dots, dashes and underscores");
    }
    String subject = attribute.apply("subject");
    if (subject != null && subject.length() > 200) {
      throw InboundData.invalid("subject is longer than 200 characters");
    }
    String time = attribute.apply("time");
    OffsetDateTime at = time == null ? null : InboundData.parseTime(time, "time");
    if (data == null || !data.isObject()) {
      throw InboundData.invalid("data must be a JSON object");
    }
    return new InboundEvent(id, source, type, subject, at, data);
  }

  private static String required(Function<String, String> attribute, String name, int max) {
    String value = attribute.apply(name);
    if (value == null || value.isBlank()) {
      throw InboundData.invalid(name + " is required");
    }
    if (value.length() > max) {
      throw InboundData.invalid(name + " is longer than " + max + " characters");
    }
    return value;
  }

  private static JsonNode parse(ObjectMapper json, byte[] body, String problem) {
    try {
      JsonNode node = json.readTree(body == null ? new byte[0] : body);
      if (node == null || node.isMissingNode()) {
        throw InboundData.invalid(problem);
      }
      return node;
    } catch (IOException e) {
      throw InboundData.invalid(problem);
    }
  }
}
