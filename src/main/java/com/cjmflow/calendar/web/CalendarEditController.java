package com.cjmflow.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.calendar.BusinessCalendars;
import com.cjmflow.calendar.CalendarEditor;
import com.cjmflow.calendar.ExtraDay;
import com.cjmflow.calendar.WorkingHours;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Edits of the SLA business calendars, for process owners only (403 for anyone else). Each answers with the calendar as
 * it is now.
 */
@Tag(name = "SLA calendars")
@RestController
@RequestMapping("/api/v1/crm/sla/calendars/{id}")
class CalendarEditController {

  private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?";

  /** One weekday's hours: ISO weekday (Monday = 1), {@code HH:mm} start, exclusive end ({@code 24:00} = midnight). */
  record HoursRequest(@NotNull @Min(1) @Max(7) Integer weekday,
      @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") String start,
      @NotNull @Pattern(regexp = TIME + "|24:00", message = "must be HH:mm or 24:00") String end) {
    @AssertTrue(message = "start must be before end")
    boolean isOrdered() {
      return start == null || end == null || !start.matches(TIME) || !end.matches(TIME + "|24:00")
          || WorkingHours.ordered(time(start), time(end));
    }

    WorkingHours toHours() {
      return new WorkingHours(DayOfWeek.of(weekday), time(start), time(end));
    }

    private static LocalTime time(String text) {
      return "24:00".equals(text) ? LocalTime.MIDNIGHT : LocalTime.parse(text);
    }
  }

  record WeekRequest(@NotNull @Size(max = 7) List<@NotNull @Valid HoursRequest> hours) {}

  record DayRequest(@NotNull @Pattern(regexp = "holiday|workday") String kind,
      @NotBlank @Size(max = 200) String name) {}

  private final CalendarEditor editor;
  private final BusinessCalendars calendars;

  CalendarEditController(CalendarEditor editor, BusinessCalendars calendars) {
    this.editor = editor;
    this.calendars = calendars;
  }

  /** Replaces the working hours of every weekday; a weekday left out is not worked. 422 for a repeated weekday. */
  @Operation(operationId = "setCalendarHours", summary = "Set the working hours",
      description = "Process owners only.",
      responses = {
          @ApiResponse(responseCode = "200", description = "The calendar as it is now", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "422", description = "A weekday is repeated, or no weekday is worked")})
  @PutMapping("/hours")
  CalendarView setHours(@PathVariable @Parameter(description = CalendarController.ID) String id,
      @Valid @RequestBody WeekRequest request) {
    editor.setHours(id, request.hours().stream().map(HoursRequest::toHours).toList());
    return CalendarView.of(calendars.get(id));
  }

  /** Adds or replaces an extra holiday or an extra working day on a date (ISO {@code yyyy-MM-dd}). */
  @Operation(operationId = "putCalendarDay", summary = "Set an extra holiday or working day",
      description = "Process owners only.")
  @PutMapping("/days/{date}")
  CalendarView putDay(@PathVariable @Parameter(description = CalendarController.ID) String id,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Parameter(description = "The date (yyyy-MM-dd)")
      LocalDate date, @Valid @RequestBody DayRequest request) {
    editor.putDay(id, new ExtraDay(date, request.kind(), request.name().trim()));
    return CalendarView.of(calendars.get(id));
  }

  /** Removes the extra day on a date; 404 when the calendar has none there. */
  @Operation(operationId = "deleteCalendarDay", summary = "Remove an extra day",
      description = "Process owners only. 404 also when the calendar has no extra day on the date.")
  @DeleteMapping("/days/{date}")
  CalendarView deleteDay(@PathVariable @Parameter(description = CalendarController.ID) String id,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Parameter(description = "The date (yyyy-MM-dd)")
      LocalDate date) {
    editor.deleteDay(id, date);
    return CalendarView.of(calendars.get(id));
  }
}
