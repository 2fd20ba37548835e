package com.cjmflow.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a deployment may contain: BPMN, DMN and Camunda Forms, recognised by their content — the root element's
 * namespace for BPMN and DMN, a form-js schema ({@code "type": "default"} with a {@code components} array) for
 * forms — never by file name. CMMN, HTML, scripts, images and everything else are refused; so is XML with a DOCTYPE
 * (no entities, external or internal). The file name only has to agree with the content where the engine would
 * otherwise parse the resource as something else (a DMN named {@code *.bpmn}, anything named {@code *.cmmn}).
 * Decision tables are then checked by {@link DecisionLanguages}. A refusal is a 400 with the reason.
 */
final class DeploymentContent {

  enum Kind { BPMN, DMN, FORM }

  static final String BPMN_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final Set<String> DMN_NAMESPACES = Set.of("http://www.omg.org/spec/DMN/20151101/dmn.xsd",
      "http://www.omg.org/spec/DMN/20180521/MODEL/", "https://www.omg.org/spec/DMN/20191111/MODEL/");
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private DeploymentContent() {}

  /** The pre-deployer: every resource of a new deployment, before any engine parser sees it. */
  static void check(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      Kind kind = kindOf(resource.getName(), resource.getBytes());
      agreesWithName(resource.getName(), kind);
      if (kind == Kind.DMN) {
        DecisionLanguages.check(resource.getName(), resource.getBytes());
      }
    }
  }

  static Kind kindOf(String name, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw refused(name, "it is empty");
    }
    String start = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("\uFEFF", "").replace("\u00EF\u00BB\u00BF", "").stripLeading();
    return start.startsWith("{") ? formKind(name, bytes) : xmlKind(name, bytes);
  }

  private static Kind formKind(String name, byte[] bytes) {
    JsonNode form;
    try {
      form = JSON.readTree(bytes);
    } catch (IOException e) {
      throw refused(name, "it is neither XML nor a JSON form (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (form != null && form.isObject() && "default".equals(form.path("type").asText(null))
        && form.path("components").isArray()) {
      return Kind.FORM;
    }
    throw refused(name, "JSON that is not a Camunda Form (form-js schema: \"type\": \"default\", \"components\")");
  }

  private static Kind xmlKind(String name, byte[] bytes) {
    XmlCheck root = new XmlCheck();
    try {
      parser().parse(new ByteArrayInputStream(bytes), root);
    } catch (Refusal refusal) {
      throw refused(name, refusal.getMessage());
    } catch (SAXException e) {
      String message = String.valueOf(e.getMessage());
      throw refused(name, message.contains("DOCTYPE") ? "XML with a DOCTYPE (entities) is not accepted"
          : "it is not well-formed XML (" + message + ")");
    } catch (IOException e) {
      throw refused(name, "it cannot be read (" + e.getMessage() + ")");
    }
    if ("definitions".equals(root.localName) && BPMN_NAMESPACE.equals(root.namespace)) {
      return Kind.BPMN;
    }
    if ("definitions".equals(root.localName) && DMN_NAMESPACES.contains(root.namespace)) {
      return Kind.DMN;
    }
    throw refused(name, "only BPMN, DMN and Camunda Forms are deployable, not {" + root.namespace + "}"
        + root.localName);
  }

  /** The engine picks its parser by file suffix: the suffix must not send the content to another parser. */
  private static void agreesWithName(String name, Kind kind) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    Kind byName = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml") ? Kind.BPMN
        : lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml") ? Kind.DMN
        : lower.endsWith(".form") ? Kind.FORM : null;
    if (lower.endsWith(".cmmn") || lower.endsWith(".cmmn10.xml") || lower.endsWith(".cmmn11.xml")) {
      throw refused(name, "CMMN is not deployable");
    }
    if (byName != null && byName != kind) {
      throw refused(name, "its content is " + kind + " but its name makes it " + byName);
    }
  }

  private static javax.xml.parsers.SAXParser parser() {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return factory.newSAXParser();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("no hardened XML parser", e);
    }
  }

  static BadUserRequestException refused(String name, String why) {
    return new BadUserRequestException("Refused by CJM Flow model policy: " + name + ": " + why);
  }

  /**
   * Reads the whole document once: its root element, and — before the engine's BPMN parser, which instantiates a
   * {@code camunda:formHandlerClass} while it parses — every attribute that would load a Java class, and any legacy
   * {@code activiti:} extension (the engine reads that namespace as {@code camunda:}).
   */
  private static final class XmlCheck extends DefaultHandler {
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final String ACTIVITI = "http://activiti.org/bpmn";
    String namespace;
    String localName;

    @Override
    public void startElement(String uri, String local, String qName, Attributes attributes) throws SAXException {
      if (localName == null) {
        namespace = uri;
        localName = local;
      }
      if (ACTIVITI.equals(uri)) {
        throw new Refusal("legacy activiti: extensions are not allowed (<" + qName + ">); the Modeler writes camunda:");
      }
      for (int i = 0; i < attributes.getLength(); i++) {
        String attributeUri = attributes.getURI(i);
        String name = attributes.getLocalName(i);
        if (ACTIVITI.equals(attributeUri)) {
          throw new Refusal("legacy activiti: extensions are not allowed (" + attributes.getQName(i) + "); the "
              + "Modeler writes camunda:");
        }
        boolean camunda = CAMUNDA.equals(attributeUri) || (CAMUNDA.equals(uri) && attributeUri.isEmpty());
        if (camunda && (name.equals("class") || name.endsWith("Class"))) {
          throw new Refusal("camunda:" + name + " is not allowed (it instantiates a Java class); bind a Spring "
              + "bean with camunda:delegateExpression");
        }
      }
    }
  }

  private static final class Refusal extends SAXException {
    Refusal(String message) {
      super(message);
    }
  }
}
