package com.cjmflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;

/**
 * Edits of the business calendars by the process owner (security/roles.yaml: process owners only, else 403): working hours and
 * dated extra days. Each edit is one transaction, stamps {@code updated_at}/{@code updated_by} and evicts the cached
 * calendar once it has committed, so the next calculation sees it.
 */
@Service
public class CalendarEditor {


  private final CalendarStore store;
  private final BusinessCalendars calendars;
  private final CurrentUser currentUser;

  CalendarEditor(CalendarStore store, BusinessCalendars calendars, CurrentUser currentUser) {
    this.store = store;
    this.calendars = calendars;
    this.currentUser = currentUser;
  }

  /** Replaces the working hours; 422 when a weekday appears twice or no weekday is worked. */
  @Transactional
  public void setHours(String id, List<WorkingHours> hours) {
    String user = editable(id);
    Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
    for (WorkingHours h : hours) {
      if (!seen.add(h.weekday())) {
        throw new DomainException.RuleViolation("weekday " + h.weekday().getValue() + " is given more than once");
      }
    }
    if (hours.isEmpty()) {
      throw new DomainException.RuleViolation("a calendar needs at least one working weekday");
    }
    store.replaceHours(id, hours);
    changed(id, user);
  }

  /** Adds or replaces the extra day on a date. */
  @Transactional
  public void putDay(String id, ExtraDay day) {
    String user = editable(id);
    store.putDay(id, day);
    changed(id, user);
  }

  /** Removes the extra day on a date; 404 when there is none. */
  @Transactional
  public void deleteDay(String id, LocalDate day) {
    String user = editable(id);
    if (!store.deleteDay(id, day)) {
      throw new DomainException.NotFound("Extra day of " + id + " on", day);
    }
    changed(id, user);
  }

  private String editable(String id) {
    if (!store.exists(id)) {
      throw new UnknownCalendar(id);
    }
    return currentUser.id().orElse(null);
  }

  private void changed(String id, String user) {
    store.touch(id, user);
    calendars.evict(id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          calendars.evict(id);
        }
      });
    }
  }
}
