package com.cjmflow.ai.mcp;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

/**
 * The MCP protocol's own JSON mapping (lenient about fields of newer protocol versions), apart from the API's, and
 * its schema validator on the JSON Schema library the service already uses (the SDK's default wants another major
 * version of it).
 */
final class McpJson {

  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(json);

  JacksonMcpJsonMapper mapper() {
    return mapper;
  }

  JsonSchemaValidator validator() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    return (Map<String, Object> schema, Object content) -> {
      JsonNode node = json.valueToTree(content);
      Set<ValidationMessage> errors = factory.getSchema(json.valueToTree(schema)).validate(node);
      return errors.isEmpty() ? JsonSchemaValidator.ValidationResponse.asValid(node.toString())
          : JsonSchemaValidator.ValidationResponse.asInvalid(errors.stream().map(ValidationMessage::getMessage)
              .collect(Collectors.joining("; ")));
    };
  }
}
