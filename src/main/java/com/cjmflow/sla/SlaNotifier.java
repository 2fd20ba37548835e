package com.cjmflow.sla;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.notifications.Notification;
import com.cjmflow.notifications.Notifications;
import com.cjmflow.notifications.RoleCover;
import com.cjmflow.platform.CjmProperties;
import com.cjmflow.platform.DisplayNames;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.stage.SlaEvent;
import com.cjmflow.stage.SlaNotifications;

/**
 * Routes SLA events into the notification outbox, in the engine transaction: a warning to the assignee (the role
 * when the task is unassigned), a breach (level 1) to the assignee and the role, an escalation (level 2+) to the head
 * of sales. One mail per order, stage, level and due date, however often the timer fires.
 */
@Component
class SlaNotifier implements SlaNotifications {

  static final String HEAD_OF_SALES = "head-of-sales";

  private record OpenStage(OffsetDateTime slaDueAt, String slaExplanation) {}

  private final Notifications notifications;
  private final JdbcClient jdbc;
  private final String publicUrl;
  private final DisplayNames names;
  private final org.springframework.beans.factory.ObjectProvider<RoleCover> cover;

  SlaNotifier(Notifications notifications, JdbcClient jdbc, CjmProperties settings, DisplayNames names,
      org.springframework.beans.factory.ObjectProvider<RoleCover> cover) {
    this.notifications = notifications;
    this.cover = cover;
    this.jdbc = jdbc;
    this.publicUrl = settings.publicUrl();
    this.names = names;
  }

  @Override
  public void notify(DelegateExecution execution, long orderId, SlaEvent event) {
    List<OpenStage> open = jdbc.sql("""
        select sla_due_at, sla_explanation from crm_order_stage_instances
        where process_instance_id = :processInstanceId and activity_id = :activityId and left_at is null""")
        .param("processInstanceId", execution.getProcessInstanceId()).param("activityId", event.activityId())
        .query(OpenStage.class).list();
    if (open.isEmpty() || open.get(0).slaDueAt() == null) {
      return;
    }
    OffsetDateTime due = open.get(0).slaDueAt();
    String explanation = open.get(0).slaExplanation();
    EngineContext.withoutAuthorization(() -> {
      Task task = execution.getProcessEngineServices().getTaskService().createTaskQuery()
          .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(event.activityId()).singleResult();
      String kind = event.isWarning() ? Notification.SLA_WARNING
          : event.isBreach() ? Notification.SLA_BREACH : Notification.SLA_ESCALATION;
      FlowElement element = execution.getBpmnModelInstance().getModelElementById(event.activityId());
      RoleCover roleCover = cover.getIfAvailable();
      String language = names.language();
      String coverNote = roleCover == null || task == null ? "" : roleCover.coverNote(firstCandidateGroup(execution,
          task), task.getAssignee(), language).orElse("");
      notifications.enqueue(new Notification(
          "sla:%s:order:%d:stage:%s:level:%d:due:%s".formatted(kind, orderId, event.stage(), event.level(),
              due.toInstant()),
          kind, orderId, event.stage(), event.level(), language, recipients(execution, task, event),
          Map.of("orderId", String.valueOf(orderId), "stage", event.stage(),
              "stageLabel", names.stage(event.stage(), element == null ? null : element.getName()),
              "dueAt", names.dateTime(due.toInstant()), "explanation", explanation == null ? "" : explanation,
              "assignee", task == null || task.getAssignee() == null ? "—" : task.getAssignee(),
              "level", String.valueOf(event.level()), "taskName", task == null ? "" : task.getName(),
              "cover", coverNote,
              "link", publicUrl + "/camunda/app/tasklist/default/#/?task=" + (task == null ? "" : task.getId()))));
      return null;
    });
  }

  private static String firstCandidateGroup(DelegateExecution execution, Task task) {
    return execution.getProcessEngineServices().getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElse(null);
  }

  /** Who hears of it: the assignee (their stand-in while absent) and whoever covers the role ({@link RoleCover}). */
  private List<String> recipients(DelegateExecution execution, Task task, SlaEvent event) {
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    RoleCover roleCover = cover.getIfAvailable();
    Set<String> users = new LinkedHashSet<>();
    List<String> groups = new ArrayList<>();
    if (event.isWarning() || event.isBreach()) {
      if (task != null && task.getAssignee() != null) {
        var standIn = roleCover == null ? java.util.Optional.<String>empty() : roleCover.standInFor(task.getAssignee());
        users.add(standIn.orElse(task.getAssignee()));
      }
      if (task != null && (event.isBreach() || task.getAssignee() == null)) {
        execution.getProcessEngineServices().getTaskService().getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId).forEach(groups::add);
      }
    } else {
      groups.add(HEAD_OF_SALES);
    }
    Map<String, User> known = new HashMap<>(); // the groups' members come with their mail addresses
    for (String group : groups) {
      List<User> members = identity.createUserQuery().memberOfGroup(group).list();
      members.forEach(member -> known.putIfAbsent(member.getId(), member));
      List<String> ids = members.stream().map(User::getId).toList();
      users.addAll(roleCover == null ? ids : roleCover.coveringUsers(group, ids));
    }
    String[] others = users.stream().filter(id -> !known.containsKey(id)).toArray(String[]::new);
    if (others.length > 0) { // the assignee, stand-ins: one query for all
      identity.createUserQuery().userIdIn(others).list().forEach(user -> known.put(user.getId(), user));
    }
    return users.stream().map(known::get).filter(user -> user != null && user.getEmail() != null)
        .map(User::getEmail).distinct().toList();
  }
}
