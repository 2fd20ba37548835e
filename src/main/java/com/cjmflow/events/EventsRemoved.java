package com.cjmflow.events;

import org.springframework.http.HttpStatus;

import com.cjmflow.platform.DomainException;

/**
 * A feed cursor lies before events that were deleted after their retention ({@link EventRetention}): 410
 * {@code events-removed}, with {@code resumeAfter}, the highest position deleted. The reader decides: resume from
 * there (the removed events are lost to it) or from the head.
 */
public class EventsRemoved extends DomainException {

  public EventsRemoved(long cursor, long removedThrough) {
    super(HttpStatus.GONE, "events-removed", "Events up to position " + removedThrough
        + " were removed after the retention (cjm.events.retention); cursor " + cursor
        + " lies before them. Resume from after=" + removedThrough + " or from the head.");
    property("resumeAfter", removedThrough);
  }
}
