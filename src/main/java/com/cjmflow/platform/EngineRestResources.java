package com.cjmflow.platform;

import java.util.Set;

import jakarta.ws.rs.ext.ContextResolver;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine REST API as the starter registers it, with two replacements: its JSON reader refuses what ours refuses
 * ({@link StrictJson}), and every error answers as an RFC 9457 problem ({@link EngineRestProblems}) instead of
 * Camunda's exception DTO with the raw message (SQL text and index names included) and a 500 for lost races.
 */
class EngineRestResources extends CamundaJerseyResourceConfig {

  private static final Set<Class<?>> REPLACED = Set.of(JacksonConfigurator.class, ExceptionHandler.class,
      ProcessEngineExceptionHandler.class, RestExceptionHandler.class, JsonMappingExceptionHandler.class,
      JsonParseExceptionHandler.class);

  private final HistoryService history;
  private final AsSystem asSystem;

  EngineRestResources(HistoryService history, AsSystem asSystem) {
    this.history = history;
    this.asSystem = asSystem;
  }

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    CamundaRestResources.getConfigurationClasses().stream().filter(type -> !REPLACED.contains(type))
        .forEach(this::register);
    // Jersey's Jackson feature without its exception mappers (they answer text/plain with Jackson's message).
    register(JacksonFeature.withoutExceptionMappers());
    register(new StrictObjectMapper());
    register(new EngineRestProblems(history, asSystem));
  }

  /** Camunda's mapper settings (date format, lenient unknown properties) plus {@link StrictJson}. */
  static final class StrictObjectMapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper =
        StrictJson.harden(JacksonConfigurator.configureObjectMapper(new ObjectMapper()));

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
