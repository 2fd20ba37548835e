package com.cjmflow.interactions.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import com.cjmflow.interactions.InteractionSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The request body of {@code POST /api/v1/interactions} in the OpenAPI document is the served InteractionEvent JSON
 * Schema itself (OpenAPI 3.1 schemas are JSON Schema 2020-12), so the document and the validator cannot disagree.
 */
@Component
class InteractionApiDocs implements OpenApiCustomizer {

  static final String SCHEMA = "InteractionEvent";
  static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
  private static final long INT32_MAX = Integer.MAX_VALUE;

  private final InteractionSchema schema;

  InteractionApiDocs(InteractionSchema schema) {
    this.schema = schema;
  }

  @Override
  public void customise(OpenAPI openApi) {
    try {
      ObjectNode document = (ObjectNode) Json31.mapper().readTree(schema.document());
      document.remove("$schema");
      document.remove("$id");
      // Ids are 64-bit: say so, or generated clients take "integer" for 32 bits.
      document.path("properties").forEach(property -> {
        if (property.path("maximum").asLong(0) > INT32_MAX && property instanceof ObjectNode node) {
          node.put("format", "int64");
        }
      });
      openApi.getComponents().addSchemas(SCHEMA, Json31.mapper().convertValue((JsonNode) document, Schema.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
