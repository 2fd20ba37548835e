package com.cjmflow.tasklist;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineClock;
import com.cjmflow.stage.TaskEvents;

/**
 * The order's context on every form (README "Tasklist"). When a task of an order is created: the order's facts as
 * process variables the forms and the task list's filters show ({@code customerName}, {@code bikeTitle},
 * {@code sellerCountry}; set once, unchanged values are not rewritten) and the confirmed price starting as the
 * booked one. The rest a form shows — the customer's channel, the booked price, the stage's SLA due in the
 * readers' zone ({@code slaDue}), whose clock runs ({@code slaClock}) and the order's link — is added when the form
 * is read ({@link TaskFormContext}), not stored. A review of an SLA breach also gets what was breached,
 * by whom, how late and why, a link to the order, and a due date of its own.
 */
@Component
@Order(10)
class TaskContext implements TaskEvents {

  private static final Pattern REVIEW = Pattern.compile("Task_Review(\\w+)SlaBreach");

  private record Facts(String customerName, String customerChannel, String bikeTitle, String sellerCountry,
      BigDecimal price) {}

  private record Visit(String stage, OffsetDateTime dueAt, String clockOwner, String explanation) {}

  private final JdbcClient jdbc;
  private final DisplayNames names;
  private final String publicUrl;
  private final Duration reviewDue;
  private final TasklistProperties properties;

  TaskContext(JdbcClient jdbc, DisplayNames names, @Value("${cjm.public-url:http://localhost:8080}") String publicUrl,
      @Value("${cjm.tasklist.review-due:PT8H}") Duration reviewDue, TasklistProperties properties) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.names = names;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.reviewDue = reviewDue;
  }

  @Override
  public void created(DelegateTask task, Map<String, String> properties) {
    Object order = task.getVariable("orderId");
    if (!(order instanceof Number number)) {
      return;
    }
    long orderId = number.longValue();
    DelegateExecution instance = task.getExecution().getProcessInstance();
    facts(orderId).ifPresent(facts -> {
      Map<String, Object> wanted = new LinkedHashMap<>();
      // the task list's filters show the name and the bike, the SLA calendars read the seller country: process variables;
      // the rest is added when a form is read
      wanted.put("customerName", facts.customerName());
      wanted.put("bikeTitle", facts.bikeTitle());
      wanted.put("sellerCountry", facts.sellerCountry());
      wanted.forEach((name, value) -> {
        if (value != null && !Objects.equals(instance.getVariable(name), value)) {
          instance.setVariable(name, value);
        }
      });
      if (instance.getVariable("confirmedPriceEur") == null && facts.price() != null) {
        instance.setVariable("confirmedPriceEur", facts.price().doubleValue());
      }
    });
    // Prefilled fields are task variables (the form shows them, the manager may change them); completion hands the
    // submitted value to the process.
    this.properties.prefill().getOrDefault(task.getTaskDefinitionKey(), Map.of()).forEach((field, source) -> {
      if (instance.getVariable(field) == null && instance.getVariable(source) != null) {
        task.setVariableLocal(field, instance.getVariable(source));
      }
    });
    Matcher review = REVIEW.matcher(task.getTaskDefinitionKey() == null ? "" : task.getTaskDefinitionKey());
    if (review.matches()) {
      describeBreach(task, "Task_" + review.group(1));
    }
  }

  @Override
  public void completed(DelegateTask task, Map<String, String> properties) {
    this.properties.prefill().getOrDefault(task.getTaskDefinitionKey(), Map.of()).keySet().forEach(field -> {
      if (task.hasVariableLocal(field)) {
        task.getExecution().getProcessInstance().setVariable(field, task.getVariableLocal(field));
      }
    });
  }

  /**
   * The context a form shows that is derived when the form is read ({@link TaskFormContext}): the customer's channel
   * ({@code customerChannel}), the booked price ({@code priceEur}), the SLA due in the readers' zone
   * ({@code slaDue}), whose clock runs ({@code slaClock}) and a link to the order ({@code orderLink}).
   * Only the names asked for, when the caller names some; a variable of the same name set on the task wins.
   */
  void formContext(DelegateTask task, VariableMap variables, Collection<String> wanted) {
    Object order = task.getVariable("orderId");
    if (!(order instanceof Number orderId)) {
      return;
    }
    Optional<Facts> facts = Optional.empty();
    if (missing(variables, wanted, "customerChannel") || missing(variables, wanted, "priceEur")) {
      facts = facts(orderId.longValue());
    }
    facts.map(Facts::customerChannel).filter(channel -> missing(variables, wanted, "customerChannel"))
        .ifPresent(channel -> variables.putValueTyped("customerChannel", Variables.stringValue(channel)));
    facts.map(Facts::price).filter(price -> missing(variables, wanted, "priceEur"))
        .ifPresent(price -> variables.putValueTyped("priceEur", Variables.doubleValue(price.doubleValue())));
    if (missing(variables, wanted, "slaDue")) {
      variables.putValueTyped("slaDue", Variables.stringValue(task.getDueDate() == null ? "—"
          : names.dateTime(task.getDueDate().toInstant())));
    }
    if (missing(variables, wanted, "slaClock")) {
      variables.putValueTyped("slaClock", Variables.stringValue(visit(task.getProcessInstanceId(),
          task.getTaskDefinitionKey()).map(Visit::clockOwner).map(names::clock).orElse("—")));
    }
    if (missing(variables, wanted, "orderLink")) {
      variables.putValueTyped("orderLink", Variables.stringValue(publicUrl + "/api/v1/crm/orders/"
          + orderId.longValue()));
    }
  }

  /** Asked for (or everything asked for) and not a variable already. */
  private static boolean missing(VariableMap variables, Collection<String> wanted, String name) {
    return (wanted == null || wanted.contains(name)) && !variables.containsKey(name);
  }

  /** What was breached, by whom, how late and why; the review is due {@code cjm.tasklist.review-due} from now. */
  private void describeBreach(DelegateTask task, String reviewed) {
    OffsetDateTime now = EngineClock.now();
    Visit visit = visit(task.getProcessInstanceId(), reviewed).orElse(null);
    Task late = task.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(reviewed).singleResult();
    task.setVariableLocal("breachTask", late == null ? names.task(reviewed, reviewed, null) : late.getName());
    task.setVariableLocal("breachStage", visit == null ? "—" : names.stage(visit.stage()));
    task.setVariableLocal("breachAssignee", late == null || late.getAssignee() == null ? "не назначена / unassigned"
        : late.getAssignee());
    task.setVariableLocal("breachClock", visit == null ? "—" : names.clock(visit.clockOwner()));
    task.setVariableLocal("breachDue", visit == null || visit.dueAt() == null ? "—"
        : names.dateTime(visit.dueAt().toInstant()));
    task.setVariableLocal("breachLateBy", visit == null || visit.dueAt() == null ? "—"
        : lateBy(Duration.between(visit.dueAt(), now)));
    task.setVariableLocal("breachReason", visit == null || visit.explanation() == null ? "—" : visit.explanation());
    if (task.getDueDate() == null) {
      task.setDueDate(Date.from(now.plus(reviewDue).toInstant()));
    }
  }

  private String lateBy(Duration late) {
    long minutes = Math.max(0, late.toMinutes());
    boolean ru = "ru".equals(names.locale().getLanguage());
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    return (days > 0 ? days + (ru ? " д " : " d ") : "") + hours + (ru ? " ч " : " h ") + minutes % 60
        + (ru ? " мин" : " min");
  }

  private Optional<Facts> facts(long orderId) {
    record Row(String displayName, String bikeTitle, String sellerCountry, BigDecimal priceAmount, String email,
        String phone, String channel) {}
    return jdbc.sql("""
        select c.display_name, o.bike_title, o.seller_country, o.price_amount, c.email, c.phone,
          (select ch.channel from crm_contact_channels ch where ch.customer_id = c.id
           order by ch.is_primary desc, ch.id fetch first 1 rows only) as channel
        from orders o join customers c on c.id = o.customer_id where o.id = :orderId""")
        .param("orderId", orderId).query(Row.class).optional()
        .map(r -> new Facts(r.displayName(), channel(r.channel(), r.email(), r.phone()), r.bikeTitle(),
            r.sellerCountry(), r.priceAmount()));
  }

  private static String channel(String preferred, String email, String phone) {
    if (preferred != null) {
      return preferred;
    }
    return phone != null ? "phone: " + phone : email != null ? "email: " + email : null;
  }

  private Optional<Visit> visit(String processInstanceId, String activityId) {
    return jdbc.sql("""
        select stage, sla_due_at as due_at, clock_owner, sla_explanation as explanation from crm_order_stage_instances
        where process_instance_id = :processInstanceId and activity_id = :activityId
        order by id desc fetch first 1 rows only""")
        .param("processInstanceId", processInstanceId).param("activityId", activityId).query(Visit.class).optional();
  }
}
