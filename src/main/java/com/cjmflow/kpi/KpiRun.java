package com.cjmflow.kpi;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A recompute run and its progress, as stored in {@code crm_kpi_runs}. */
public record KpiRun(String id, String status, String trigger, String requestedBy, LocalDate from, LocalDate to,
    String managerId, int daysTotal, int daysDone, OffsetDateTime startedAt, OffsetDateTime finishedAt,
    String error) {}
