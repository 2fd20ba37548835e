package com.cjmflow.calendar;

import java.time.OffsetDateTime;

/** One calendar in the list: its identity, zone, holiday country and working hours in one line. */
public record CalendarSummary(String id, String name, String timeZone, String holidayCountry,
    String holidaySubdivision, String workingHours, OffsetDateTime updatedAt, String updatedBy) {}
