package com.cjmflow.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/** The diagram the heatmap colours: the latest deployed version of a process, as BPMN XML. */
@Component
public class OrderFlowDiagram {

  public static final String PROCESS_KEY = "order-flow";

  private final RepositoryService repository;

  OrderFlowDiagram(RepositoryService repository) {
    this.repository = repository;
  }

  public String latestXml() {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .latestVersion().singleResult();
    try (InputStream in = repository.getProcessModel(definition.getId())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the model of " + definition.getId(), e);
    }
  }
}
