package com.cjmflow.platform;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * What our JSON readers refuse, for the CRM API (Spring's mapper) and the engine REST API (its own mapper) alike:
 * a repeated key, a NUL character in any string or key (PostgreSQL cannot store it), and dates outside the years
 * 1–9999 (neither the databases nor ISO-8601 without an expanded year hold them). Each answers 400.
 */
public final class StrictJson {

  static final int MIN_YEAR = 1;
  static final int MAX_YEAR = 9999;

  private StrictJson() {}

  /** Applies everything to a mapper that is not managed by Spring Boot (the engine REST API's). */
  public static ObjectMapper harden(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper.registerModule(module());
  }

  /** The NUL and date checks as a Jackson module (Spring Boot adds module beans to its mapper). */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("cjm-strict-json");
    module.addDeserializer(String.class, new NoNulString());
    module.addKeyDeserializer(String.class, new NoNulKey());
    module.addDeserializer(JsonNode.class, new NoNulTree());
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
          JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        return TemporalAccessor.class.isAssignableFrom(type) || Date.class.isAssignableFrom(type)
            ? new YearInRange(deserializer) : deserializer;
      }
    });
    return module;
  }

  /** Jackson's reason for a refused body, without source locations, class names or the echoed input. */
  static String reason(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    if (message.startsWith("Cannot ")) {
      return "wrong type or format";
    }
    return message.replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
  }

  private static boolean hasNul(String text) {
    return text != null && text.indexOf('\0') >= 0;
  }

  private static final class NoNulString extends StdScalarDeserializer<String> {
    NoNulString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = StringDeserializer.instance.deserialize(p, ctxt);
      if (hasNul(value)) {
        throw InvalidFormatException.from(p, "NUL character not allowed", "(refused)", String.class);
      }
      return value;
    }
  }

  private static final class NoNulKey extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      if (hasNul(key)) {
        throw InvalidFormatException.from(ctxt.getParser(), "NUL character not allowed in a key", "(refused)",
            String.class);
      }
      return key;
    }
  }

  private static final class NoNulTree extends StdScalarDeserializer<JsonNode> {
    NoNulTree() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
      if (containsNul(tree)) {
        throw InvalidFormatException.from(p, "NUL character not allowed", "(refused)", JsonNode.class);
      }
      return tree;
    }

    @Override
    public JsonNode getNullValue(DeserializationContext ctxt) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    private static boolean containsNul(JsonNode node) {
      if (node.isTextual()) {
        return hasNul(node.textValue());
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (hasNul(field.getKey()) || containsNul(field.getValue())) {
          return true;
        }
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          if (containsNul(element)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Wraps a date/time deserializer: the year must lie within {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
  private static final class YearInRange extends DelegatingDeserializer {
    YearInRange(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new YearInRange(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = super.deserialize(p, ctxt);
      Integer year = year(value);
      if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
        throw InvalidFormatException.from(p, "year must lie between " + MIN_YEAR + " and " + MAX_YEAR, value,
            handledType());
      }
      return value;
    }

    private static Integer year(Object value) {
      if (value instanceof Date date) {
        value = date.toInstant();
      }
      if (value instanceof Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).getYear();
      }
      if (value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.YEAR)) {
        return temporal.get(ChronoField.YEAR);
      }
      return null;
    }
  }
}
