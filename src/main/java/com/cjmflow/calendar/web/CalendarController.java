package com.cjmflow.calendar.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.calendar.BusinessCalendar;
import com.cjmflow.calendar.BusinessCalendars;
import com.cjmflow.calendar.CalendarSummary;
import com.cjmflow.calendar.BusinessDue;
import com.cjmflow.platform.Page;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The SLA business calendars for every authenticated user: list, details and a due-date calculator. */
@Tag(name = "SLA calendars", description = "Business calendars of the SLA clocks: hours, holidays, extra days")
@RestController
@RequestMapping("/api/v1/crm/sla/calendars")
class CalendarController {

  /** A business-time budget as ISO-8601 ({@code PT8H}, {@code P1D}, {@code P2DT4H}); each day is one working day. */
  record DueRequest(@NotNull OffsetDateTime start,
      @NotNull @Pattern(regexp = "P(\\d{1,4}D)?(T(\\d{1,6}H)?(\\d{1,7}M)?(\\d{1,9}S)?)?",
          message = "must be an ISO-8601 duration in days, hours, minutes or seconds, e.g. PT8H or P1DT4H")
      String duration) {
    @AssertTrue(message = "duration must be longer than zero and at most P366D")
    boolean isPositive() {
      return budget() != null && !budget().isZero() && budget().compareTo(MAX_BUDGET) <= 0;
    }

    Duration budget() {
      try {
        return duration == null ? null : Duration.parse(duration);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  static final String ID = "The calendar's id, e.g. `ru-office` or `seller-DE`";

  private static final Duration MAX_BUDGET = Duration.ofDays(366);

  record DueResponse(OffsetDateTime dueAt, String explanation) {}

  private final BusinessCalendars calendars;

  CalendarController(BusinessCalendars calendars) {
    this.calendars = calendars;
  }

  /** The calendars by id, optionally only those with the public holidays of one country. */
  @Operation(operationId = "listCalendars", summary = "List business calendars")
  @GetMapping
  Page<CalendarSummary> list(@RequestParam(required = false) @Pattern(regexp = "[A-Z]{2}")
      @Parameter(description = "Only calendars with this country's public holidays (ISO 3166 alpha-2)") String country,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    List<CalendarSummary> all = calendars.list().stream()
        .filter(c -> country == null || country.equalsIgnoreCase(c.holidayCountry())).toList();
    return Page.of(all, page, size);
  }

  /** A calendar with its hours per weekday, extra days and the public holidays of this and next year; 404 unknown. */
  @Operation(operationId = "getCalendar", summary = "Read a business calendar")
  @GetMapping("/{id}")
  CalendarView get(@PathVariable @Parameter(description = ID) String id) {
    return CalendarView.of(calendars.get(id));
  }

  /** When a budget that starts at {@code start} falls due in this calendar, and why. */
  @Operation(operationId = "calculateDue", summary = "Calculate a due date in business time")
  @PostMapping("/{id}/due")
  DueResponse due(@PathVariable @Parameter(description = ID) String id,
      @Valid @RequestBody DueRequest request) {
    BusinessCalendar calendar = calendars.get(id);
    BusinessDue due = calendar.plus(request.start().toInstant(), request.budget());
    return new DueResponse(due.dueAt().atZone(calendar.zone()).toOffsetDateTime(), due.explanation());
  }
}
