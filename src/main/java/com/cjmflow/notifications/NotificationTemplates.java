package com.cjmflow.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Mail texts from the classpath: {@code notifications/<kind>/<stage>.<lang>.txt}, else
 * {@code notifications/<kind>/default.<lang>.txt}. The first line is {@code Subject: …}, then a blank line, then the
 * body. {@code {{name}}} is replaced from the model; a name the model lacks becomes empty (logged once per template).
 */
@Component
class NotificationTemplates {

  /** A rendered mail text. */
  record Rendered(String template, String subject, String body) {}

  private record Template(String path, String subject, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(NotificationTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,60}");
  private static final String SUBJECT = "Subject:";

  private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  Rendered render(String kind, String stage, String language, Map<String, String> model) {
    if (kind == null || !NAME.matcher(kind).matches()) {
      throw new IllegalArgumentException("Unknown notification kind: " + kind);
    }
    Optional<Template> specific = stage != null && NAME.matcher(stage).matches()
        ? load("notifications/" + kind + "/" + stage + "." + language + ".txt") : Optional.empty();
    Template template = specific
        .or(() -> load("notifications/" + kind + "/default." + language + ".txt"))
        .orElseThrow(() -> new IllegalStateException("No template for " + kind + " in " + language));
    String subject = fill(template, template.subject(), model).replaceAll("\\s+", " ").strip();
    return new Rendered(template.path(), subject, fill(template, template.body(), model));
  }

  private String fill(Template template, String text, Map<String, String> model) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = model.get(name);
      if (value == null && reported.add(template.path() + "#" + name)) {
        LOG.warn("Template {} uses {{{}}}, which the model does not provide; it is left empty", template.path(), name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    return matcher.appendTail(out).toString();
  }

  private Optional<Template> load(String path) {
    return cache.computeIfAbsent(path, p -> {
      ClassPathResource resource = new ClassPathResource(p);
      if (!resource.exists()) {
        return Optional.empty();
      }
      try (InputStream in = resource.getInputStream()) {
        return Optional.of(parse(p, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Template parse(String path, String text) {
    String normalized = text.replace("\r\n", "\n").replace("\uFEFF", "");
    int firstBreak = normalized.indexOf('\n');
    String firstLine = firstBreak < 0 ? normalized : normalized.substring(0, firstBreak);
    if (!firstLine.startsWith(SUBJECT)) {
      throw new IllegalStateException(path + " must start with a '" + SUBJECT + "' line");
    }
    String body = firstBreak < 0 ? "" : normalized.substring(firstBreak + 1);
    body = body.startsWith("\n") ? body.substring(1) : body;
    return new Template(path, firstLine.substring(SUBJECT.length()).strip(), body.stripTrailing() + "\n");
  }
}
