package com.cjmflow.platform;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Camunda's own OpenAPI document of the engine REST API ({@code /engine-rest}), as Camunda publishes it in
 * {@code org.camunda.bpm:camunda-engine-rest-openapi} ({@code openapi.json} at the root of the jar). Served under
 * {@code /v3/}, so behind the same authentication as our own document.
 */
@Hidden
@RestController
class EngineRestApiDocs {

  static final String PATH = "/v3/engine-rest/openapi.json";

  private final Resource document = new ClassPathResource("openapi.json");

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Resource> document() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(document);
  }
}
