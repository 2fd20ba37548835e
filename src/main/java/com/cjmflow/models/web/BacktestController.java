package com.cjmflow.models.web;

import java.io.IOException;
import java.time.OffsetDateTime;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.cjmflow.models.SlaBacktest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Try a candidate {@code stage-sla.dmn} on the stage visits of a period; nothing is deployed. */
@Tag(name = "Models")
@RestController
class BacktestController {

  private final SlaBacktest backtest;

  BacktestController(SlaBacktest backtest) {
    this.backtest = backtest;
  }

  /**
   * {@code candidate}: the table to try; {@code baseline}: a second candidate to compare with (default: the deployed
   * table); {@code from}/{@code to}: the period of stage entries, ISO-8601 with offset.
   */
  @Operation(operationId = "backtestSla",
      summary = "Try a candidate stage-sla table on the stage visits of a period, against the deployed one")
  @PostMapping(path = "/api/v1/crm/sla/backtest", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  SlaBacktest.Result backtest(
      @RequestPart("candidate") @Parameter(description = "The candidate stage-sla.dmn") MultipartFile candidate,
      @RequestPart(name = "baseline", required = false)
      @Parameter(description = "A second candidate to compare with (default: the deployed table)") MultipartFile baseline,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
      @Parameter(description = "Stage visits entered at or after (ISO-8601 with offset)") OffsetDateTime from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
      @Parameter(description = "Stage visits entered before (ISO-8601 with offset)") OffsetDateTime to)
      throws IOException {
    SlaBacktest.Table tried = backtest.candidate("candidate " + name(candidate), candidate.getBytes());
    SlaBacktest.Table against = baseline == null || baseline.isEmpty() ? backtest.deployed()
        : backtest.candidate("baseline " + name(baseline), baseline.getBytes());
    return backtest.run(against, tried, from, to);
  }

  private static String name(MultipartFile file) {
    return file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename();
  }
}
