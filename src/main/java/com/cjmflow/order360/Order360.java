package com.cjmflow.order360;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
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

  /**
   * A row of {@code crm_order_360_v} as it is; {@link #summary} nests the customer, the stage and the stall. The
   * stage columns are null for an order without an open stage (so {@code Boolean}: a record's primitive takes no null).
   */
  private record Row(long orderId, String externalId, String status, String bikeTitle, String sellerCountry,
      BigDecimal priceAmount, String priceCurrency, boolean reserveRequired, boolean expertInspection,
      String managerId, OffsetDateTime createdAt, OffsetDateTime lastTouchpointAt,
      OffsetDateTime lastManagerContactAt, int managerContacts, int clientContacts, boolean isOpen, long slaBreaches,
      long touchpoints, long openReplyWindows, long openFollowups, BigDecimal paidAmount, long shipments,
      long openCases, long customerId, String customerName, String customerTier, String currentStage,
      OffsetDateTime stageEnteredAt, OffsetDateTime stageSlaDueAt, String stageClockOwner, Boolean stageSlaBreached,
      boolean isStalled, OffsetDateTime stalledSince, String stallReason, String processInstanceId,
      Boolean hasFollowups, Boolean hasPayments, Boolean hasCases, Boolean hasRefunds) {

    Summary summary() {
      return new Summary(orderId, externalId, status, bikeTitle, sellerCountry, priceAmount, priceCurrency,
          reserveRequired, expertInspection, managerId, createdAt, lastTouchpointAt, lastManagerContactAt,
          managerContacts, clientContacts, isOpen, slaBreaches, touchpoints, openReplyWindows, openFollowups,
          paidAmount, shipments, openCases, new Customer(customerId, customerName, customerTier),
          currentStage == null ? null
              : new CurrentStage(currentStage, stageEnteredAt, stageSlaDueAt, stageClockOwner, stageSlaBreached),
          new Stall(isStalled, stalledSince, stallReason));
    }
  }

  /**
   * The summary and what the order 360 needs to read the rest in as few statements as it can: the order's process
   * instance and which of its lists hold anything (touchpoints and shipments: the summary's counts).
   */
  public record Overview(Summary summary, String processInstanceId, boolean hasTouchpoints, boolean hasFollowups,
      boolean hasPayments, boolean hasShipments, boolean hasCases, boolean hasRefunds) {}

  private static final String OVERVIEW = """
      select v.*,
             case when exists (select 1 from crm_manager_followups f where f.order_id = v.order_id)
                  then true else false end as has_followups,
             case when exists (select 1 from payments p where p.order_id = v.order_id)
                  then true else false end as has_payments,
             case when exists (select 1 from order_cases oc where oc.order_id = v.order_id)
                  then true else false end as has_cases,
             case when exists (select 1 from refund_requests r where r.order_id = v.order_id)
                  then true else false end as has_refunds
        from crm_order_360_v v where v.order_id = :orderId""";

  private final JdbcClient jdbc;

  Order360(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Summary> summary(long orderId) {
    return overview(orderId).map(Overview::summary);
  }

  /** The summary with the order's process instance and its non-empty lists, in one statement. */
  public Optional<Overview> overview(long orderId) {
    return jdbc.sql(OVERVIEW).param("orderId", orderId).query(Row.class).list().stream().findFirst()
        .map(row -> new Overview(row.summary(), row.processInstanceId(), row.touchpoints() > 0,
            Boolean.TRUE.equals(row.hasFollowups()), Boolean.TRUE.equals(row.hasPayments()), row.shipments() > 0,
            Boolean.TRUE.equals(row.hasCases()), Boolean.TRUE.equals(row.hasRefunds())));
  }

  public List<Refund> refunds(long orderId) {
    return jdbc.sql("select * from refund_requests where order_id = :orderId order by created_at, id")
        .param("orderId", orderId).query(Refund.class).list();
  }
}
