package com.cjmflow.interactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The InteractionEvent JSON Schema ({@code schemas/interaction_event.schema.json}, draft 2020-12), loaded once: the
 * document served to clients and the validator for incoming events (format assertions on, so {@code date-time} is
 * checked). A valid document is read into an {@link Interactions.InteractionEvent}.
 */
@Component
public class InteractionSchema {

  public static final String RESOURCE = "schemas/interaction_event.schema.json";

  private final byte[] document;
  private final JsonSchema schema;
  private final Set<String> channels = new LinkedHashSet<>();

  InteractionSchema(ObjectMapper json) {
    try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
      document = in.readAllBytes();
      JsonNode node = json.readTree(document);
      node.at("/properties/channel/enum").forEach(channel -> channels.add(channel.asText()));
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node,
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + RESOURCE, e);
    }
  }

  /** The schema as published (bytes of the classpath resource). */
  public byte[] document() {
    return document.clone();
  }

  /** The channels the schema allows, in its order. */
  public Set<String> channels() {
    return Collections.unmodifiableSet(channels);
  }

  /** Every way the document breaks the schema, sorted; empty when {@link #read} can take it. */
  public List<String> violations(JsonNode event) {
    List<String> errors = new ArrayList<>(schema.validate(event).stream().map(ValidationMessage::getMessage).toList());
    if (errors.isEmpty()) {
      // What the schema lets through but Java cannot hold: ids beyond a long (e.g. 1e30), leap seconds.
      for (String id : List.of("customerId", "orderId")) {
        JsonNode value = event.get(id);
        if (value != null && !(value.canConvertToExactIntegral() && value.canConvertToLong())) {
          errors.add("$." + id + ": must be a whole number within 64 bits");
        }
      }
      if (occurredAt(event) == null) {
        errors.add("$.occurredAt: must be a date-time with an offset, like 2025-05-01T10:15:00+03:00");
      }
    }
    errors.sort(null);
    return errors;
  }

  /** Reads a document that has no {@link #violations}. */
  public Interactions.InteractionEvent read(JsonNode event) {
    return new Interactions.InteractionEvent(event.get("customerId").asLong(),
        event.hasNonNull("orderId") ? event.get("orderId").asLong() : null, event.get("channel").asText(),
        event.get("direction").asText(), text(event, "subject"), text(event, "body"), occurredAt(event),
        text(event, "agent"), event.get("externalReference").asText(), text(event, "complaintKind"));
  }

  private static OffsetDateTime occurredAt(JsonNode event) {
    try {
      return OffsetDateTime.parse(event.get("occurredAt").asText().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode event, String field) {
    return event.hasNonNull(field) ? event.get(field).asText() : null;
  }
}
