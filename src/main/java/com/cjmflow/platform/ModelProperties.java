package com.cjmflow.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The one reader of a model element's {@code camunda:properties} (first value per name, in model order): from the
 * XML a parse listener sees, and from the model instance an execution is at.
 */
public final class ModelProperties {

  private ModelProperties() {}

  /** At parse time: the element's properties. */
  public static Map<String, String> of(Element element) {
    Map<String, String> properties = new LinkedHashMap<>();
    Element extensions = element.element("extensionElements");
    Element list = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (list != null) {
      list.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")
          .forEach(property -> properties.putIfAbsent(property.attribute("name"), property.attribute("value")));
    }
    return Map.copyOf(properties);
  }

  /** At run time: the properties of a model element. */
  public static Map<String, String> of(BaseElement element) {
    Map<String, String> properties = new LinkedHashMap<>();
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions != null) {
      extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
          .flatMap(list -> list.getCamundaProperties().stream())
          .forEach(property -> putIfNamed(properties, property));
    }
    return Map.copyOf(properties);
  }

  /** The property {@code name} of the element the execution is at. */
  public static Optional<String> of(DelegateExecution execution, String name) {
    FlowElement element = execution.getBpmnModelElementInstance();
    return element == null ? Optional.empty() : Optional.ofNullable(of(element).get(name));
  }

  private static void putIfNamed(Map<String, String> properties, CamundaProperty property) {
    if (property.getCamundaName() != null && property.getCamundaValue() != null) {
      properties.putIfAbsent(property.getCamundaName(), property.getCamundaValue());
    }
  }
}
