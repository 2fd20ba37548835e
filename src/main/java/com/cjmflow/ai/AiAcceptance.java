package com.cjmflow.ai;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.kpi.SuggestionAcceptance;

/**
 * The acceptance-rate KPI of the AI services: per manager and service, how many answers were used and dismissed in
 * a period; rate = used / (used + dismissed), null without feedback. Over {@code crm_ai_acceptance_v} by date for
 * {@code GET /ai/crm/kpi/acceptance}, and over {@code crm_ai_requests} by instant for the manager's scorecard (the
 * kpi module's {@link SuggestionAcceptance} port, days in the managers' zone).
 */
@Service
public class AiAcceptance implements SuggestionAcceptance {

  /** The services whose answers a manager can use or dismiss (as in {@code crm_ai_acceptance_v}). */
  static final List<String> SERVICES = List.of(EmailComposer.SERVICE, ThreadSummarizer.SERVICE,
      NextBestActions.SERVICE);

  @io.swagger.v3.oas.annotations.media.Schema(name = "AiAcceptanceRow")
  public record Row(String managerId, String service, long requests, long used, long dismissed,
      BigDecimal acceptanceRate) {}

  /** The counts of the view, before the rate. */
  record Counts(String managerId, String service, long requests, long used, long dismissed) {}

  private final JdbcClient jdbc;

  AiAcceptance(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** From inclusive, to exclusive; {@code managerId} null = everyone. */
  public List<Row> between(String managerId, LocalDate from, LocalDate to) {
    List<Object> args = new ArrayList<>(List.of(from, to));
    String where = "request_date >= ? and request_date < ?";
    if (managerId != null) {
      where += " and manager_id = ?";
      args.add(managerId);
    }
    return jdbc.sql("select manager_id, service, sum(requests) requests, sum(used) used, sum(dismissed) dismissed"
        + " from crm_ai_acceptance_v where " + where + " group by manager_id, service order by manager_id, service")
        .params(args).query(Counts.class).list().stream()
        .map(c -> new Row(c.managerId(), c.service(), c.requests(), c.used(), c.dismissed(),
            SuggestionAcceptance.rate(c.used(), c.dismissed())))
        .toList();
  }

  @Override
  public List<Usage> of(String managerId, OffsetDateTime from, OffsetDateTime to) {
    List<Object> args = new ArrayList<>(List.of(managerId, from, to));
    args.addAll(SERVICES);
    return jdbc.sql("""
        select service, count(*) as suggestions, sum(case when feedback = 'used' then 1 else 0 end) as used,
               sum(case when feedback = 'dismissed' then 1 else 0 end) as dismissed
          from crm_ai_requests
         where actor_id = ? and created_at >= ? and created_at < ? and service in (%s)
         group by service order by service""".formatted(String.join(", ", Collections.nCopies(SERVICES.size(), "?"))))
        .params(args).query(Usage.class).list();
  }
}
