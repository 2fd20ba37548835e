package com.cjmflow.ai;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The acceptance-rate KPI of the AI services over {@code crm_ai_acceptance_v}: per manager and service, how many
 * answers were used and dismissed in a period; rate = used / (used + dismissed), null without feedback.
 */
@Service
public class AiAcceptance {

  @io.swagger.v3.oas.annotations.media.Schema(name = "AiAcceptanceRow")
  public record Row(String managerId, String service, long requests, long used, long dismissed,
      BigDecimal acceptanceRate) {}

  private final JdbcTemplate jdbc;

  AiAcceptance(JdbcTemplate jdbc) {
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
    return jdbc.query("select manager_id, service, sum(requests) requests, sum(used) used, sum(dismissed) dismissed"
        + " from crm_ai_acceptance_v where " + where + " group by manager_id, service order by manager_id, service",
        (rs, i) -> {
          long used = rs.getLong("used");
          long dismissed = rs.getLong("dismissed");
          return new Row(rs.getString("manager_id"), rs.getString("service"), rs.getLong("requests"), used,
              dismissed, used + dismissed == 0 ? null : BigDecimal.valueOf(used)
                  .divide(BigDecimal.valueOf(used + dismissed), 4, java.math.RoundingMode.HALF_UP));
        }, args.toArray());
  }
}
