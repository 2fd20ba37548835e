package com.cjmflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The forms against the form-js schema Tasklist 7.24 renders ({@code .ci/forms/form-js-schema-16.json}, the same
 * file CI's {@code .ci/forms/lint.js} uses): a property the renderer does not read (e.g. {@code suffixAdornment})
 * fails here, not silently in the browser.
 */
class FormLintTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = schema();

  @Test
  void everyFormMatchesTheSchemaTasklistRenders() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        SCHEMA.validate(form).forEach(message -> problems.add(file + ": " + message.getMessage()));
        if (!file.getFileName().toString().equals(form.path("id").asText() + ".form")) {
          problems.add(file + ": id is not the file name");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aMisspeltAdornerIsRefused() throws IOException {
    ObjectNode form = (ObjectNode) JSON.readTree(Path.of("forms/buy-out-bike.form").toFile());
    JsonNode amount = null;
    for (JsonNode component : form.path("components")) {
      if (component.has("appearance")) {
        amount = component;
      }
    }
    assertThat(amount).as("a field with a unit").isNotNull();
    ((ObjectNode) amount.path("appearance")).put("suffixAdornment", "EUR");
    assertThat(SCHEMA.validate(form)).extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("suffixAdornment"));
  }

  @Test
  void anotherSchemaVersionIsRefused() throws IOException {
    ObjectNode form = (ObjectNode) JSON.readTree(Path.of("forms/close-order.form").toFile());
    form.put("schemaVersion", 18);
    assertThat(SCHEMA.validate(form)).isNotEmpty();
  }

  private static JsonSchema schema() {
    try {
      JsonNode node = JSON.readTree(Path.of(".ci/forms/form-js-schema-16.json").toFile());
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
