package com.cjmflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Deploying a model is code execution. Refuses, at parse time, BPMN models with script tasks, scripts anywhere
 * (listeners, conditions, input/output), {@code camunda:class} bindings and JUEL expressions that reach for Java
 * reflection or the engine itself, and decision tables in any expression language but FEEL. The deployment fails
 * (REST: 400) and nothing is deployed.
 */
@Component
class ModelSafetyPlugin extends AbstractProcessEnginePlugin {

  private static final Pattern EXPRESSION_LANGUAGE = Pattern.compile("expressionLanguage\\s*=\\s*\"([^\"]*)\"");
  private static final List<String> UNSAFE_EXPRESSION_PARTS = List.of("getclass", "forname", "classloader",
      "getruntime", "processbuilder", "getprocessengineservices", "getprocessengine(", ".invoke(", "newinstance");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(ModelSafetyPlugin::checkDecisions);
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

  /** Decision tables may only use FEEL: JUEL or script languages in a DMN reach Java. Refused with 400. */
  static void checkDecisions(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    deployment.getResources().values().stream().filter(resource -> resource.getName().endsWith(".dmn"))
        .forEach(resource -> {
          Matcher language = EXPRESSION_LANGUAGE.matcher(new String(resource.getBytes(), StandardCharsets.UTF_8));
          while (language.find()) {
            String name = language.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("feel") && !name.endsWith("/feel/")) {
              throw new BadUserRequestException("Refused by CJM Flow model policy: " + resource.getName()
                  + " uses the expression language '" + language.group(1) + "'; decision tables use FEEL only");
            }
          }
        });
  }

  static void check(Element element) {
    String camunda = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri();
    String tag = element.getTagName();
    if ("scriptTask".equals(tag) || "script".equals(tag)) {
      refuse(element, "scripts are not allowed");
    }
    if ("conditionExpression".equals(tag) && element.attribute("language") != null) {
      refuse(element, "script conditions are not allowed");
    }
    if (element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "class") != null
        || (camunda.equals(element.getUri()) && element.attribute("class") != null)) {
      refuse(element, "camunda:class is not allowed; bind a Spring bean with camunda:delegateExpression");
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
