package com.cjmflow.calendar;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A business calendar as the process owner keeps it: zone, the country (and subdivision) whose public holidays apply,
 * working hours per weekday and dated extra days.
 */
public record CalendarDefinition(String id, String name, ZoneId zone, String holidayCountry,
    String holidaySubdivision, List<WorkingHours> hours, List<ExtraDay> days, OffsetDateTime updatedAt,
    String updatedBy) {

  public CalendarDefinition {
    hours = List.copyOf(hours);
    days = List.copyOf(days);
  }
}
