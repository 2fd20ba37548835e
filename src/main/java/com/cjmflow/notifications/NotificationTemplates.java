package com.cjmflow.notifications;

import java.io.IOException;
import java.io.Writer;
import java.util.AbstractMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Mail texts: the layout is the Mustache template {@code templates/notifications/<kind>.mustache} (Boot's
 * auto-configured compiler, without HTML escaping: mails are plain text), its sentences come from the
 * {@link MessageSource} ({@code messages.properties} in Russian, {@code messages_en.properties} in English).
 * {@code {{#text}}part{{/text}}} takes {@code mail.<kind>.<stage>.<part>}, else {@code mail.<kind>.<part>}, else
 * {@code mail.<part>}; the subject is the part {@code subject}. Sentences may use the model's
 * {@code {{placeholders}}}; a name the model lacks becomes empty (logged once per kind and name).
 */
@Component
class NotificationTemplates {

  /** A rendered mail text. */
  record Rendered(String template, String subject, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(NotificationTemplates.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,60}");
  private static final String FOLDER = "notifications/";
  /** Values a mail shows only when there are any ({@code {{#cover}}…{{/cover}}}: who stands in for an absent user). */
  private static final Set<String> OPTIONAL = Set.of("cover");

  private final Mustache.Compiler compiler;
  private final MessageSource messages;
  private final Map<String, Template> layouts = new ConcurrentHashMap<>();
  private final Map<String, Template> sentences = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  NotificationTemplates(Mustache.Compiler compiler, MessageSource messages) {
    this.compiler = compiler.escapeHTML(false).emptyStringIsFalse(true);
    this.messages = messages;
  }

  Rendered render(String kind, String stage, String language, Map<String, String> model) {
    if (kind == null || !NAME.matcher(kind).matches()) {
      throw new IllegalArgumentException("Unknown notification kind: " + kind);
    }
    Texts texts = new Texts(kind, stage != null && NAME.matcher(stage).matches() ? stage : null,
        Locale.forLanguageTag(language));
    Model context = new Model(kind, model, texts);
    String subject = sentence(texts.find("subject")).execute(context).replaceAll("\\s+", " ").strip();
    String body = layout(kind).execute(context).stripTrailing() + "\n";
    return new Rendered("templates/" + FOLDER + kind + ".mustache", subject, body);
  }

  private Template layout(String kind) {
    return layouts.computeIfAbsent(kind, k -> {
      try {
        return compiler.loadTemplate(FOLDER + k);
      } catch (MustacheException e) {
        throw new IllegalStateException("No mail template for " + k, e);
      }
    });
  }

  private Template sentence(String text) {
    return sentences.computeIfAbsent(text, compiler::compile);
  }

  /** The sentences of one mail: kind, stage and language fixed. */
  private final class Texts implements Mustache.Lambda {

    private final String kind;
    private final String stage;
    private final Locale locale;

    Texts(String kind, String stage, Locale locale) {
      this.kind = kind;
      this.stage = stage;
      this.locale = locale;
    }

    String find(String part) {
      String text = stage == null ? null : message("mail." + kind + "." + stage + "." + part);
      text = text != null ? text : message("mail." + kind + "." + part);
      text = text != null ? text : message("mail." + part);
      if (text == null) {
        throw new IllegalStateException("No text mail." + kind + "." + part + " in " + locale);
      }
      return text;
    }

    private String message(String code) {
      return messages.getMessage(code, null, null, locale);
    }

    @Override
    public void execute(Template.Fragment fragment, Writer out) throws IOException {
      sentence(find(fragment.execute().strip())).execute(fragment.context(), out);
    }
  }

  /** The model as the templates see it: {@code text} is the sentence lookup, a missing name reads as empty. */
  private final class Model extends AbstractMap<String, Object> {

    private final String kind;
    private final Map<String, String> values;
    private final Texts texts;

    Model(String kind, Map<String, String> values, Texts texts) {
      this.kind = kind;
      this.values = values;
      this.texts = texts;
    }

    @Override
    public boolean containsKey(Object name) {
      return true;
    }

    @Override
    public Object get(Object name) {
      if ("text".equals(name)) {
        return texts;
      }
      String value = values.get(name);
      if (value == null && !OPTIONAL.contains(name) && reported.add(kind + "#" + name)) {
        LOG.warn("Mail {} uses {{{}}}, which the model does not provide; it is left empty", kind, name);
      }
      return value == null ? "" : value;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Map.<String, Object>copyOf(values).entrySet();
    }
  }
}
