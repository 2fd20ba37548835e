package com.cjmflow.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What people read instead of technical ids (README "Language"): stage, task and clock names from
 * {@code i18n/names[_ru].properties} keyed by the model's ids, in the language of {@code cjm.language} ({@code ru} by
 * default, {@code en} available), and times in the readers' zone ({@code cjm.ui.zone}, Moscow by default) with the
 * zone named. Ids stay English; an id without an entry reads as the model's name or the id itself.
 */
@Component
public class DisplayNames {

  private static final String BUNDLE = "i18n/names";
  private static final Pattern REVIEW = Pattern.compile("Task_Review(\\w+)SlaBreach");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private final Locale locale;
  private final ZoneId zone;
  private final ResourceBundle bundle;
  private final DateTimeFormatter format;

  public DisplayNames(@Value("${cjm.language:ru}") String language, @Value("${cjm.ui.zone:Europe/Moscow}") String zone) {
    this.locale = Locale.forLanguageTag(language);
    this.zone = ZoneId.of(zone);
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.format = DateTimeFormatter.ofPattern("ru".equals(locale.getLanguage()) ? "dd.MM.yyyy HH:mm" : "d MMM yyyy, HH:mm",
        locale);
  }

  /** The English names (filters are found again under their English names after a language change). */
  public static DisplayNames english() {
    return new DisplayNames("en", "Europe/Moscow");
  }

  /** A Tasklist filter's name, description or column label by key (MY_TASKS, MY_TASKS.description, …). */
  public String filter(String key) {
    return text("filter." + key).orElse(key);
  }

  public Locale locale() {
    return locale;
  }

  /** The language code mails and names are in: {@code ru} or {@code en}. */
  public String language() {
    return locale.getLanguage();
  }

  public ZoneId zone() {
    return zone;
  }

  /** A stage (status) by its id, e.g. {@code seller_check_in_progress}. */
  public String stage(String stage) {
    return stage == null ? null : text("stage." + stage).orElse(stage);
  }

  /** A stage by its id; without an entry its model name (a stage added in the Modeler), else the id. */
  public String stage(String stage, String modelName) {
    return stage == null ? null : text("stage." + stage).orElse(modelName == null || modelName.isBlank() ? stage
        : modelName);
  }

  /** A contact channel (phone, whatsapp, telegram, …). */
  public String channel(String channel) {
    return channel == null ? null : text("channel." + channel).orElse(channel);
  }

  /**
   * The subject of the manager's reminder when an outside party overruns its stage: "напомнить клиенту (этап
   * «Ожидает оплаты резерва» просрочен)". {@code party} is the clock owner (client, seller, carrier, …).
   */
  public String partyReminder(String party, String stage) {
    String to = text("reminder.party." + party).orElseGet(() -> clock(party));
    return phrase("reminder.party", Map.of("party", to, "stage", stage(stage)));
  }

  /**
   * A sentence of the names bundle by key with its {@code {name}} placeholders filled from {@code values}; the key
   * itself when the bundle lacks it.
   */
  public String phrase(String key, Map<String, ?> values) {
    return fill(text(key).orElse(key), values::get);
  }

  /** Whose clock runs (manager, client, seller, …). */
  public String clock(String owner) {
    return owner == null ? null : text("clock." + owner).orElse(owner);
  }

  /** "order 42" / "заказ 42". */
  public String order(long orderId) {
    return text("order").orElse("order {0}").replace("{0}", Long.toString(orderId));
  }

  /**
   * A user task by its activity id; {@code {name}} placeholders read the task's variables. Review tasks of SLA
   * breaches ({@code Task_Review<Task>SlaBreach}) name the task they review.
   */
  public String task(String activityId, String modelName, Function<String, Object> variables) {
    var own = text("task." + activityId);
    if (own.isPresent()) {
      return fill(own.get(), variables);
    }
    Matcher review = REVIEW.matcher(activityId == null ? "" : activityId);
    if (review.matches()) {
      String reviewed = "Task_" + review.group(1);
      String reviewedName = text("task." + reviewed).orElse(null);
      String fallback = modelName != null && modelName.contains(": ") ? modelName.substring(modelName.indexOf(": ") + 2)
          : review.group(1);
      return text("task.review-sla-breach").orElse("{0}").replace("{0}", reviewedName == null ? fallback : reviewedName);
    }
    return modelName == null ? activityId : modelName;
  }

  /** A moment in the readers' zone with the zone named: "02.12.2026 18:00 МСК". */
  public String dateTime(Instant instant) {
    if (instant == null) {
      return null;
    }
    return format.format(instant.atZone(zone)) + " " + zoneName();
  }

  public String zoneName() {
    return text("zone." + zone.getId()).orElse(zone.getId());
  }

  /** The bundle's text for {@code key}; asked first, not caught: a name without an entry is an ordinary case. */
  private java.util.Optional<String> text(String key) {
    return bundle.containsKey(key) ? java.util.Optional.of(bundle.getString(key)) : java.util.Optional.empty();
  }

  private static String fill(String text, Function<String, Object> variables) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      Object value = variables == null ? null : variables.apply(matcher.group(1));
      matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : value.toString()));
    }
    return matcher.appendTail(result).toString();
  }
}
