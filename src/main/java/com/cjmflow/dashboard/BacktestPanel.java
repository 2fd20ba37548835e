package com.cjmflow.dashboard;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.cjmflow.models.SlaBacktest;
import com.cjmflow.platform.DisplayNames;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The latest SLA backtest ({@code POST /api/v1/crm/sla/backtest}, models module) as the dashboard shows it next to
 * the heatmap: which tables were compared, over which period, the totals before and after, and the stages whose
 * breaches change most, by their names and with times in the readers' zone.
 */
@Component
public class BacktestPanel {

  static final int STAGES_SHOWN = 8;

  /** Before (baseline) and with the candidate. */
  @Schema(name = "DashboardBacktestChange")
  public record Change(long baseline, long candidate) {}

  /** A stage whose breaches the candidate changes. */
  @Schema(name = "DashboardBacktestStage")
  public record StageChange(String stage, String stageName, long visits, Change breaches) {}

  /** {@code ranAtText} and {@code periodText} are for people: the readers' zone, named. */
  @Schema(name = "DashboardBacktest", description = "The latest SLA backtest run (null when none ran since the start)")
  public record Backtest(String ranBy, OffsetDateTime ranAt, String ranAtText, OffsetDateTime from,
      OffsetDateTime to, String periodText, String baseline, String candidate, long visits, Change breaches,
      Change warnings, Change escalations, Change stalls, long flippedToBreached, long flippedToMet,
      List<StageChange> stages) {}

  private final SlaBacktest backtests;
  private final DisplayNames names;

  BacktestPanel(SlaBacktest backtests, DisplayNames names) {
    this.backtests = backtests;
    this.names = names;
  }

  Optional<Backtest> latest() {
    return backtests.latest().map(this::panel);
  }

  private Backtest panel(SlaBacktest.Latest latest) {
    SlaBacktest.Result run = latest.result();
    Map<String, long[]> byStage = new LinkedHashMap<>();
    for (SlaBacktest.Group group : run.byStageAndTier()) {
      long[] sums = byStage.computeIfAbsent(group.stage(), s -> new long[3]);
      sums[0] += group.visits();
      sums[1] += group.baseline().breaches();
      sums[2] += group.candidate().breaches();
    }
    List<StageChange> stages = byStage.entrySet().stream().filter(e -> e.getValue()[1] != e.getValue()[2])
        .map(e -> new StageChange(e.getKey(), names.stage(e.getKey()), e.getValue()[0],
            new Change(e.getValue()[1], e.getValue()[2])))
        .sorted(Comparator.comparingLong((StageChange c) -> Math.abs(c.breaches().candidate()
            - c.breaches().baseline())).reversed())
        .limit(STAGES_SHOWN).toList();
    SlaBacktest.Counts before = run.baselineTotals();
    SlaBacktest.Counts after = run.candidateTotals();
    return new Backtest(latest.ranBy(), latest.ranAt(), names.dateTime(latest.ranAt().toInstant()), run.from(),
        run.to(), names.dateTime(run.from().toInstant()) + " — " + names.dateTime(run.to().toInstant()),
        run.baseline(), run.candidate(), run.visits(), new Change(before.breaches(), after.breaches()),
        new Change(before.warnings(), after.warnings()), new Change(before.escalations(), after.escalations()),
        new Change(before.stalls(), after.stalls()), run.flippedToBreached(), run.flippedToMet(), stages);
  }
}
