package com.cjmflow.followups;

import java.time.OffsetDateTime;

/** What the follow-ups module publishes (Spring application events, in the engine transaction of the task). */
public final class FollowupEvents {

  private FollowupEvents() {}

  /** {@code createdBy}: who planned it (origin {@code process}: a process did, e.g. an ERP reminder). */
  public record FollowupCreated(String taskId, Long orderId, Long customerId, String managerId, String subject,
      OffsetDateTime dueAt, String origin, OffsetDateTime createdAt, String createdBy) {}

  public record FollowupCompleted(String taskId, Long orderId, Long customerId, String completedBy, boolean onTime,
      String outcome, OffsetDateTime completedAt) {}
}
