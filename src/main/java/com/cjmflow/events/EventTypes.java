package com.cjmflow.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The event types we publish, one JSON Schema (draft 2020-12) of the event's {@code data} per type, read from
 * {@code events/schemas/<type>.schema.json}: adding a type is adding its schema file and a translation. The
 * CloudEvents envelope has its own schema, {@code events/cloudevent.schema.json}.
 */
@Component
public class EventTypes {

  static final String SCHEMAS = "classpath*:events/schemas/*.schema.json";
  public static final String ENVELOPE = "events/cloudevent.schema.json";
  private static final String SUFFIX = ".schema.json";

  private final SortedMap<String, byte[]> schemas = new TreeMap<>();
  private final byte[] envelope;

  EventTypes() {
    var resolver = new PathMatchingResourcePatternResolver();
    try {
      for (Resource resource : resolver.getResources(SCHEMAS)) {
        String name = resource.getFilename();
        try (InputStream in = resource.getInputStream()) {
          schemas.put(name.substring(0, name.length() - SUFFIX.length()), in.readAllBytes());
        }
      }
      try (InputStream in = resolver.getResource("classpath:" + ENVELOPE).getInputStream()) {
        envelope = in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the event schemas", e);
    }
  }

  /** Every published type, sorted. */
  public java.util.Set<String> types() {
    return Collections.unmodifiableSet(schemas.keySet());
  }

  public boolean isKnown(String type) {
    return schemas.containsKey(type);
  }

  /** The data schema of the type. */
  public Optional<byte[]> schema(String type) {
    return Optional.ofNullable(schemas.get(type)).map(byte[]::clone);
  }

  /** The CloudEvents envelope schema. */
  public byte[] envelope() {
    return envelope.clone();
  }
}
