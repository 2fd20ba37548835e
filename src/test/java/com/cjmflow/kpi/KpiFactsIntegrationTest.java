package com.cjmflow.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.ApiTestSupport;
import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.BusinessCalendars;

/** Daily facts of a generated month against values counted independently here, per row in Java. */
class KpiFactsIntegrationTest extends ApiTestSupport {

  private static final LocalDate FROM = LocalDate.of(2025, 3, 1);
  private static final LocalDate TO = LocalDate.of(2025, 3, 31);

  @Autowired KpiRecompute recompute;
  @Autowired BusinessCalendars calendars;

  /** Expected measures of one manager and day. */
  static final class Day {
    int tasks, met, warned, breached, repliesMet, repliesBreached, onTime, late, openOverdue, in, out, advanced;
    int closed, cancelled;
    BigDecimal refunds = BigDecimal.ZERO, compensations = BigDecimal.ZERO;
    List<Double> handling = new ArrayList<>(), replies = new ArrayList<>();
  }

  @Test
  void factsOfAGeneratedMonthEqualIndependentCountsAndARecomputeTwiceGivesIdenticalRows() {
    // given a generated month for four managers
    KpiDataGenerator data = new KpiDataGenerator(jdbc, "kf" + UUID.randomUUID().toString().substring(0, 6), 4, 42,
        true);
    data.generate(FROM, TO, 5);

    // when the month is recomputed
    recompute.run(FROM, TO, null, Instant.parse("2025-04-01T00:00:00Z"), done -> {});

    // then every manager/day row equals the counts made here
    Map<String, Day> expected = expected(data);
    Map<String, Map<String, Object>> actual = rows(data);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, day) -> {
      Map<String, Object> row = actual.get(key);
      assertThat(num(row, "tasks_completed")).as("%s tasks", key).isEqualTo(day.tasks);
      assertThat(num(row, "stage_sla_met")).as("%s met", key).isEqualTo(day.met);
      assertThat(num(row, "stage_sla_warned")).as("%s warned", key).isEqualTo(day.warned);
      assertThat(num(row, "stage_sla_breached")).as("%s breached", key).isEqualTo(day.breached);
      assertThat(num(row, "replies_met")).as("%s replies met", key).isEqualTo(day.repliesMet);
      assertThat(num(row, "replies_breached")).as("%s replies breached", key).isEqualTo(day.repliesBreached);
      assertThat(num(row, "followups_on_time")).as("%s on time", key).isEqualTo(day.onTime);
      assertThat(num(row, "followups_late")).as("%s late", key).isEqualTo(day.late);
      assertThat(num(row, "followups_open_overdue")).as("%s overdue", key).isEqualTo(day.openOverdue);
      assertThat(num(row, "touchpoints_inbound")).as("%s in", key).isEqualTo(day.in);
      assertThat(num(row, "touchpoints_outbound")).as("%s out", key).isEqualTo(day.out);
      assertThat(num(row, "orders_advanced")).as("%s advanced", key).isEqualTo(day.advanced);
      assertThat(num(row, "orders_closed")).as("%s closed", key).isEqualTo(day.closed);
      assertThat(num(row, "orders_cancelled")).as("%s cancelled", key).isEqualTo(day.cancelled);
      assertThat((BigDecimal) row.get("refunds_eur")).as("%s refunds", key).isEqualByComparingTo(day.refunds);
      assertThat((BigDecimal) row.get("compensations_eur")).as("%s comp", key).isEqualByComparingTo(day.compensations);
      assertPercentile(row.get("handling_median_seconds"), day.handling, 0.5, key + " median");
      assertPercentile(row.get("handling_p90_seconds"), day.handling, 0.9, key + " p90");
      assertPercentile(row.get("first_reply_median_seconds"), day.replies, 0.5, key + " reply median");
    });
    assertThat(channels(data)).isEqualTo(expectedChannels(data));

    // and a second recompute gives identical rows (computed_at aside)
    recompute.run(FROM, TO, null, Instant.parse("2025-04-02T00:00:00Z"), done -> {});
    assertThat(rows(data)).isEqualTo(actual);
    assertThat(channels(data)).isEqualTo(expectedChannels(data));

    // and days recomputed one at a time give the month's rows: what was open and overdue before such a day is
    // counted from the follow-ups overdue before it (several per manager)
    assertThat(expected.values()).anyMatch(day -> day.openOverdue > 1);
    for (LocalDate day = FROM.plusDays(2); !day.isAfter(TO); day = day.plusDays(4)) {
      recompute.run(day, day, null, Instant.parse("2025-04-03T00:00:00Z"), done -> {});
    }
    assertThat(rows(data)).isEqualTo(actual);
  }

  private Map<String, Day> expected(KpiDataGenerator data) {
    BusinessCalendar office = calendars.get("ru-office");
    Map<String, Day> days = new TreeMap<>();
    for (KpiDataGenerator.Task t : data.tasks) {
      if (t.end() != null && in(t.end())) {
        Day d = day(days, t.assignee(), t.end());
        d.tasks++;
        d.handling.add((double) office.between(t.start(), t.end()).toSeconds());
      }
    }
    for (KpiDataGenerator.Stage s : data.stages) {
      String owner = s.taskAssignee() != null ? s.taskAssignee() : s.orderManager();
      if (s.left() != null && in(s.left())) {
        Day d = day(days, owner, s.left());
        d.advanced++;
        d.met += s.counts() && s.breachedAt() == null ? 1 : 0;
      }
      if (s.warnedAt() != null && in(s.warnedAt())) {
        day(days, owner, s.warnedAt()).warned += s.counts() ? 1 : 0;
      }
      if (s.breachedAt() != null && in(s.breachedAt())) {
        day(days, owner, s.breachedAt()).breached += s.counts() ? 1 : 0;
      }
    }
    for (KpiDataGenerator.Touch t : data.touches) {
      if (in(t.occurred())) {
        Day d = day(days, t.manager(), t.occurred());
        d.in += t.direction().equals("inbound") ? 1 : 0;
        d.out += t.direction().equals("outbound") ? 1 : 0;
      }
      if (t.dueAt() != null && t.respondedAt() != null && in(t.respondedAt())) {
        Day d = day(days, t.manager(), t.respondedAt());
        d.repliesMet += t.respondedAt().isAfter(t.dueAt()) ? 0 : 1;
        d.replies.add((double) (t.respondedAt().getEpochSecond() - t.occurred().getEpochSecond()));
      }
      if (t.breachedAt() != null && in(t.breachedAt())) {
        day(days, t.manager(), t.breachedAt()).repliesBreached++;
      }
    }
    for (KpiDataGenerator.Followup f : data.followups) {
      if (f.completed() != null && in(f.completed())) {
        Day d = day(days, f.manager(), f.completed());
        d.onTime += f.onTime() ? 1 : 0;
        d.late += f.onTime() ? 0 : 1;
      }
      for (LocalDate date = FROM; !date.isAfter(TO); date = date.plusDays(1)) {
        Instant end = date.plusDays(1).atStartOfDay(KpiDataGenerator.MOSCOW).toInstant();
        if (!f.status().equals("cancelled") && f.created().isBefore(end) && f.due().isBefore(end)
            && (f.completed() == null || !f.completed().isBefore(end))) {
          day(days, f.manager(), end.minusSeconds(1)).openOverdue++;
        }
      }
    }
    for (KpiDataGenerator.StatusEvent e : data.events) {
      if (in(e.at())) {
        Day d = day(days, e.manager(), e.at());
        d.closed += e.toStatus().equals("closed") ? 1 : 0;
        d.cancelled += e.toStatus().equals("cancelled") ? 1 : 0;
      }
    }
    for (KpiDataGenerator.Money m : data.money) {
      if (in(m.at()) && m.currency().equals("EUR")) {
        Day d = day(days, m.manager(), m.at());
        if (m.kind().equals("refund")) {
          d.refunds = d.refunds.add(m.amount());
        } else {
          d.compensations = d.compensations.add(m.amount());
        }
      }
    }
    return days;
  }

  private Map<String, Long> expectedChannels(KpiDataGenerator data) {
    Map<String, Long> counts = new TreeMap<>();
    data.touches.stream().filter(t -> in(t.occurred())).forEach(t -> counts.merge(key(t.manager(), t.occurred())
        + "/" + t.channel() + "/" + t.direction(), 1L, Long::sum));
    return counts;
  }

  private Map<String, Long> channels(KpiDataGenerator data) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query("select * from manager_kpi_daily_channels where manager_id in (?, ?, ?, ?) and fact_date between ? and ?",
        rs -> {
          counts.put(rs.getString("manager_id") + "/" + rs.getObject("fact_date", LocalDate.class) + "/"
              + rs.getString("channel") + "/" + rs.getString("direction"), rs.getLong("touchpoints"));
        }, data.managers.get(0), data.managers.get(1), data.managers.get(2), data.managers.get(3), FROM, TO);
    return counts;
  }

  private Map<String, Map<String, Object>> rows(KpiDataGenerator data) {
    Map<String, Map<String, Object>> rows = new TreeMap<>();
    for (Map<String, Object> row : jdbc.queryForList("""
        select * from manager_kpi_daily_facts where manager_id in (?, ?, ?, ?) and fact_date between ? and ?""",
        data.managers.get(0), data.managers.get(1), data.managers.get(2), data.managers.get(3), FROM, TO)) {
      Map<String, Object> lower = new TreeMap<>();
      row.forEach((column, value) -> lower.put(column.toLowerCase(), value));
      lower.remove("computed_at");
      rows.put(lower.get("manager_id") + "/" + lower.get("fact_date").toString(), lower);
    }
    return rows;
  }

  private static Day day(Map<String, Day> days, String manager, Instant at) {
    return days.computeIfAbsent(key(manager, at), k -> new Day());
  }

  private static String key(String manager, Instant at) {
    return manager + "/" + at.atZone(KpiDataGenerator.MOSCOW).toLocalDate();
  }

  private static boolean in(Instant at) {
    LocalDate date = at.atZone(KpiDataGenerator.MOSCOW).toLocalDate();
    return !date.isBefore(FROM) && !date.isAfter(TO);
  }

  private static long num(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }

  private static void assertPercentile(Object actual, List<Double> values, double p, String what) {
    if (values.isEmpty()) {
      assertThat(actual).as(what).isNull();
      return;
    }
    List<Double> sorted = values.stream().sorted().toList();
    double pos = p * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    double expected = sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
    assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(expected, within(0.06));
  }
}
