package com.cjmflow.order360;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/** Reads {@code crm_order_360_v} and the order's cases: the data half of the order 360. */
@Component
public class Order360 {

  @Schema(name = "OrderSummary")
  public record Summary(long orderId, String externalId, String status, String bikeTitle, String sellerCountry,
      BigDecimal price, String currency, boolean reserveRequired, boolean expertInspection, String managerId,
      OffsetDateTime createdAt, OffsetDateTime lastTouchpointAt, OffsetDateTime lastManagerContactAt,
      int managerContacts, int clientContacts, boolean open, long slaBreaches, long touchpoints,
      long openReplyWindows, long openFollowups, BigDecimal paidAmount, long shipments, long openCases,
      Customer customer, CurrentStage currentStage, Stall stall) {}

  /** Seed 000 §9: no stage progress beyond the expected dwell, nothing planned, nobody else's clock running. */
  public record Stall(boolean stalled, OffsetDateTime since, String reason) {}

  public record Customer(long id, String name, String tier) {}

  public record CurrentStage(String stage, OffsetDateTime enteredAt, OffsetDateTime slaDueAt, String clockOwner,
      boolean slaBreached) {}

  public record Refund(long id, Long caseId, BigDecimal amount, String currency, String method, String reason,
      String status, String requestedBy, OffsetDateTime createdAt) {}

  private final JdbcTemplate jdbc;

  Order360(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Summary> summary(long orderId) {
    return jdbc.query("select * from crm_order_360_v where order_id = ?", (rs, i) -> new Summary(
        rs.getLong("order_id"), rs.getString("external_id"), rs.getString("status"), rs.getString("bike_title"),
        rs.getString("seller_country"), rs.getBigDecimal("price_amount"), rs.getString("price_currency"),
        rs.getBoolean("reserve_required"), rs.getBoolean("expert_inspection"), rs.getString("manager_id"),
        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_touchpoint_at", OffsetDateTime.class),
        rs.getObject("last_manager_contact_at", OffsetDateTime.class), rs.getInt("manager_contacts"),
        rs.getInt("client_contacts"), rs.getBoolean("is_open"), rs.getLong("sla_breaches"), rs.getLong("touchpoints"),
        rs.getLong("open_reply_windows"), rs.getLong("open_followups"), rs.getBigDecimal("paid_amount"),
        rs.getLong("shipments"), rs.getLong("open_cases"),
        new Customer(rs.getLong("customer_id"), rs.getString("customer_name"), rs.getString("customer_tier")),
        rs.getString("current_stage") == null ? null : new CurrentStage(rs.getString("current_stage"),
            rs.getObject("stage_entered_at", OffsetDateTime.class),
            rs.getObject("stage_sla_due_at", OffsetDateTime.class), rs.getString("stage_clock_owner"),
            rs.getBoolean("stage_sla_breached")),
        new Stall(rs.getBoolean("is_stalled"), rs.getObject("stalled_since", OffsetDateTime.class),
            rs.getString("stall_reason"))), orderId).stream().findFirst();
  }

  public List<Refund> refunds(long orderId) {
    return jdbc.query("select * from refund_requests where order_id = ? order by created_at, id", (rs, i) ->
        new Refund(rs.getLong("id"), (Long) rs.getObject("case_id", Long.class), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getString("method"), rs.getString("reason"), rs.getString("status"),
            rs.getString("requested_by"), rs.getObject("created_at", OffsetDateTime.class)), orderId);
  }
}
