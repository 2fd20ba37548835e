package com.cjmflow.kpi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.orderflow.Orders;
import com.cjmflow.platform.EngineContext;
import com.cjmflow.platform.RecordRowMapper;
import com.cjmflow.sla.StageSla;

/**
 * Stall flags (seed 000 §9). An order is stalled when its open stage has lasted longer than the stage's expected
 * dwell (the {@code stage-sla} row's slaDuration, from the stage's entry, in the business calendar the row names),
 * it has no open follow-up, and it is not on hold. An outside party (client, seller, carrier) within its budget is a
 * free wait; one that overran it is a delay to chase: stalled unless a reminder (a follow-up) is open and not overdue. The flag, since when (the end of the expected dwell) and why are kept on the order.
 */
@Service
public class KpiStalls {

  /** Clock owners outside the company: while their clock runs, the order waits on them, not on the manager. */
  private static final Set<String> OUTSIDE_PARTIES = Set.of("client", "seller", "carrier");

  /** What a refresh found and changed. */
  public record Refresh(int openStages, int stalled, int newlyStalled, int cleared) {}

  private record OpenStage(long orderId, String stage, String tier, String sellerCountry, Instant enteredAt,
      String clockOwner, boolean onHold, int openFollowups, int followupsOnTime, boolean wasStalled) {}

  private record Stall(long orderId, Instant since, String reason) {}

  private final JdbcTemplate jdbc;
  private final StageSla stageSla;
  private final ProcessEngine engine;
  private final Orders orders;

  KpiStalls(JdbcTemplate jdbc, StageSla stageSla, ProcessEngine engine, Orders orders) {
    this.jdbc = jdbc;
    this.stageSla = stageSla;
    this.engine = engine;
    this.orders = orders;
  }

  /** Re-evaluates every order with an open stage at {@code now} and stores the flags. */
  @Transactional
  public Refresh refresh(Instant now) {
    record Row(long orderId, String stage, String tier, String sellerCountry, OffsetDateTime enteredAt,
        String clockOwner, boolean onHold, int openFollowups, int followupsOnTime, boolean wasStalled) {}
    List<OpenStage> open = jdbc.query("""
        select s.order_id, s.stage, c.tier, o.seller_country, s.entered_at, s.clock_owner, s.on_hold,
               o.is_stalled as was_stalled,
               (select count(*) from crm_manager_followups f where f.order_id = o.id and f.status = 'open')
                 as open_followups,
               (select count(*) from crm_manager_followups f where f.order_id = o.id and f.status = 'open'
                   and f.due_at >= ?) as followups_on_time
          from crm_order_stage_instances s
          join orders o on o.id = s.order_id
          join customers c on c.id = o.customer_id
         where s.left_at is null and s.case_id is null""", RecordRowMapper.of(Row.class),
        OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).stream()
        .map(r -> new OpenStage(r.orderId(), r.stage(), r.tier(), r.sellerCountry(), r.enteredAt().toInstant(),
            r.clockOwner(), r.onHold(), r.openFollowups(), r.followupsOnTime(), r.wasStalled()))
        .toList();
    Map<String, Optional<StageSla.Sla>> rows = policies(open);
    List<Stall> stalls = new ArrayList<>();
    for (OpenStage stage : open) {
      stall(stage, rows.get(key(stage)), now).ifPresent(stalls::add);
    }
    return store(open, stalls);
  }

  private Optional<Stall> stall(OpenStage stage, Optional<StageSla.Sla> row, Instant now) {
    if (row.isEmpty() || stage.onHold()) {
      return Optional.empty();
    }
    StageSla.Sla sla = row.get();
    String owner = stage.clockOwner() != null ? stage.clockOwner() : sla.clockOwner();
    boolean outside = owner != null && OUTSIDE_PARTIES.contains(owner);
    if (outside ? stage.followupsOnTime() > 0 : stage.openFollowups() > 0) {
      return Optional.empty();
    }
    String calendar = StageSla.calendarId(sla.calendar(), stage.sellerCountry());
    Instant dwellEnd = stageSla.calendar(calendar).plus(stage.enteredAt(), sla.budget()).dueAt();
    if (!now.isAfter(dwellEnd)) {
      return Optional.empty();
    }
    if (outside) {
      return Optional.of(new Stall(stage.orderId(), dwellEnd, "Delay to chase: the " + owner + " overran the budget "
          + sla.budget() + " of stage " + stage.stage() + " (" + calendar + ") at " + dwellEnd
          + "; no reminder open on time"));
    }
    String reason = "No progress in stage " + stage.stage() + " since " + stage.enteredAt() + ": expected dwell "
        + sla.budget() + " (" + calendar + ") ended " + dwellEnd + "; no open follow-up; clock: " + owner;
    return Optional.of(new Stall(stage.orderId(), dwellEnd, reason));
  }

  /** The stage-sla row per (stage, tier), evaluated inside one engine command (latest deployed table). */
  private Map<String, Optional<StageSla.Sla>> policies(List<OpenStage> open) {
    Map<String, OpenStage> distinct = new HashMap<>();
    open.forEach(stage -> distinct.putIfAbsent(key(stage), stage));
    return EngineContext.inCommand(engine, () -> {
      Map<String, Optional<StageSla.Sla>> rows = new HashMap<>();
      distinct.forEach((key, stage) -> {
        Map<String, Object> facts = new HashMap<>();
        facts.put("customerTier", stage.tier());
        rows.put(key, stageSla.evaluate(stage.stage(), facts));
      });
      return rows;
    });
  }

  private Refresh store(List<OpenStage> open, List<Stall> stalls) {
    Set<Long> stalledIds = new HashSet<>();
    List<Orders.StallFlag> flags = new ArrayList<>();
    for (Stall stall : stalls) {
      stalledIds.add(stall.orderId());
      flags.add(new Orders.StallFlag(stall.orderId(), OffsetDateTime.ofInstant(stall.since(), ZoneOffset.UTC),
          stall.reason().length() > 1000 ? stall.reason().substring(0, 1000) : stall.reason()));
    }
    int cleared = orders.replaceStallFlags(flags);
    int newly = (int) open.stream().filter(s -> !s.wasStalled() && stalledIds.contains(s.orderId())).count();
    return new Refresh(open.size(), stalledIds.size(), newly, cleared);
  }

  private static String key(OpenStage stage) {
    return stage.stage() + "/" + stage.tier();
  }
}
