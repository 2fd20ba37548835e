package com.cjmflow.calendar;

import com.cjmflow.platform.DomainException;

/** No business calendar has this id. */
public class UnknownCalendar extends DomainException.NotFound {

  public UnknownCalendar(String calendarId) {
    super("Business calendar", calendarId);
  }
}
