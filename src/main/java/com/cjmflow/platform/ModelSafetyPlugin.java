package com.cjmflow.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Deploying a model is code execution. Before any engine parser runs, {@link DeploymentContent} accepts only BPMN,
 * DMN and Camunda Forms (by content; no DOCTYPE; no attribute that instantiates a Java class such as
 * {@code camunda:class}, {@code camunda:formHandlerClass}, {@code camunda:variableMappingClass}; no legacy
 * {@code activiti:} extension) and {@link DecisionLanguages} only FEEL in decision tables. At BPMN parse time this
 * refuses script tasks, scripts anywhere (listeners, conditions, input/output) and — as early feedback only —
 * expressions that plainly reach for reflection; what they may reach at run time is bounded by
 * {@link RestrictedExpressionManager}. The deployment fails (REST: 400) and nothing is deployed.
 */
@Component
class ModelSafetyPlugin extends AbstractProcessEnginePlugin {

  private static final List<String> UNSAFE_EXPRESSION_PARTS = List.of("getclass", "forname", "classloader",
      "getruntime", "processbuilder", "getprocessengineservices", "getprocessengine(", ".invoke(", "newinstance");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(DeploymentContent::check);
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        check(root);
      }
    });
  }

  static void check(Element element) {
    String tag = element.getTagName();
    if ("scriptTask".equals(tag) || "script".equals(tag)) {
      refuse(element, "scripts are not allowed");
    }
    if ("conditionExpression".equals(tag) && element.attribute("language") != null) {
      refuse(element, "script conditions are not allowed");
    }
    for (String name : element.attributes()) {
      unsafeExpression(element, element.attribute(name));
    }
    unsafeExpression(element, element.getText());
    element.elements().forEach(ModelSafetyPlugin::check);
  }

  private static void unsafeExpression(Element element, String text) {
    if (text == null || !(text.contains("${") || text.contains("#{"))) {
      return;
    }
    String compact = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    for (String part : UNSAFE_EXPRESSION_PARTS) {
      if (compact.contains(part)) {
        refuse(element, "expression reaches for Java internals (" + part + "): " + text.strip());
      }
    }
  }

  private static void refuse(Element element, String why) {
    throw new BpmnParseException("Refused by CJM Flow model policy: " + why, element);
  }
}
