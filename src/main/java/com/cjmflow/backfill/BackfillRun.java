package com.cjmflow.backfill;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One backfill run: where it is (step, steps done of total), how it ended, and its report (counts per table, repairs
 * and rejections with legacy ids and reasons, the time of each step). {@code status}: running, done, failed.
 */
public record BackfillRun(String id, String status, String trigger, String requestedBy, String source,
    String step, int stepsDone, int stepsTotal, OffsetDateTime startedAt, OffsetDateTime finishedAt,
    JsonNode report, String reportFile, String error) {}
