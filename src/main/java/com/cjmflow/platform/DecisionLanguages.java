package com.cjmflow.platform;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Decision tables in FEEL only, checked on the parsed DMN model: the definitions' default {@code expressionLanguage}
 * and that of every literal expression (input expressions, output entries, default output entries, literal-expression
 * decisions) and unary test (input entries, input and output values) — plus any other element of the document that
 * names an expression language. However the attribute is written (quotes, entities, namespace prefixes) and whatever
 * the file is called, the parser has read it. FEEL is what the DMN engine takes as FEEL: {@code feel} in any case,
 * or one of the OMG FEEL URIs. JUEL, JavaScript, Groovy and the rest reach Java and are refused.
 */
final class DecisionLanguages {

  static final Set<String> FEEL_URIS = Set.of("http://www.omg.org/spec/FEEL/20140401",
      "http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/");

  private DecisionLanguages() {}

  static void check(String name, byte[] bytes) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
    } catch (ModelException e) {
      throw DeploymentContent.refused(name, "not a valid DMN model (" + e.getMessage() + ")");
    }
    for (Definitions definitions : model.getModelElementsByType(Definitions.class)) {
      feelOnly(name, "the definitions' default", definitions.getExpressionLanguage());
    }
    for (LiteralExpression expression : model.getModelElementsByType(LiteralExpression.class)) {
      feelOnly(name, describe(expression), expression.getExpressionLanguage());
    }
    for (UnaryTests tests : model.getModelElementsByType(UnaryTests.class)) {
      feelOnly(name, describe(tests), tests.getExpressionLanguage());
    }
    everyElement(name, model.getDocument().getRootElement());
  }

  private static void everyElement(String name, DomElement element) {
    feelOnly(name, "<" + element.getLocalName() + ">", element.getAttribute("expressionLanguage"));
    element.getChildElements().forEach(child -> everyElement(name, child));
  }

  static boolean isFeel(String language) {
    return language == null || "feel".equals(language.toLowerCase(Locale.ROOT))
        || FEEL_URIS.contains(language);
  }

  private static void feelOnly(String name, String where, String language) {
    if (!isFeel(language)) {
      throw DeploymentContent.refused(name, where + " uses the expression language '" + language
          + "'; decision tables use FEEL only");
    }
  }

  private static String describe(ModelElementInstance element) {
    String id = element.getAttributeValue("id");
    return element.getElementType().getTypeName() + (id == null ? "" : " '" + id + "'");
  }
}
