package com.cjmflow.ai.writer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The local writer's templates, {@code ai/templates/<intent>.<language>.txt}: the first line is {@code Subject: …};
 * {@code {fact.name}} is replaced by the fact; a line starting with {@code ?fact.name } is written only when that fact
 * is known (so nothing is said that the live state does not back). Adding an intent is adding its files.
 */
@Component
public final class Templates {

  static final String LOCATION = "classpath*:ai/templates/*.txt";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_.]+)}");

  private final Map<String, String> templates = new TreeMap<>();

  public Templates() {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        try (InputStream in = resource.getInputStream()) {
          String name = resource.getFilename();
          templates.put(name.substring(0, name.length() - ".txt".length()),
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the AI templates", e);
    }
  }

  /** The intents with a template (in any language). */
  public Set<String> intents() {
    Set<String> intents = new TreeSet<>();
    templates.keySet().forEach(key -> intents.add(key.substring(0, key.lastIndexOf('.'))));
    return intents;
  }

  public boolean has(String intent, String language) {
    return templates.containsKey(intent + "." + language);
  }

  /** Fills the template of the intent in the language with the facts; {@code used} collects the facts written. */
  public Draft write(String intent, String language, Map<String, String> facts, String generator) {
    String template = templates.get(intent + "." + language);
    if (template == null) {
      template = templates.get(intent + ".ru");
    }
    List<String> used = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    String subject = intent;
    boolean first = true;
    for (String raw : template.split("\n", -1)) {
      String line = raw;
      if (line.startsWith("?")) {
        int space = line.indexOf(' ');
        String condition = line.substring(1, space < 0 ? line.length() : space);
        if (!facts.containsKey(condition)) {
          continue;
        }
        line = space < 0 ? "" : line.substring(space + 1);
      }
      String filled = fill(line, facts, used);
      if (first && filled.startsWith("Subject:")) {
        subject = filled.substring("Subject:".length()).trim();
      } else {
        body.append(filled).append('\n');
      }
      first = false;
    }
    return new Draft(subject, body.toString().strip().replaceAll("\n{3,}", "\n\n"), List.copyOf(used), generator);
  }

  private static String fill(String line, Map<String, String> facts, List<String> used) {
    Matcher m = PLACEHOLDER.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = facts.get(m.group(1));
      if (value != null && !used.contains(m.group(1))) {
        used.add(m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
