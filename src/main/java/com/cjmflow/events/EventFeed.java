package com.cjmflow.events;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The pull feed: CloudEvents in feed order after a cursor (the {@code sequence} of the last event read). At least
 * once: a consumer that stores its cursor after processing resumes where it stopped, across restarts of either side.
 * Events of one subject keep the order of their transactions.
 */
@Service
public class EventFeed {

  /** A page of the feed; {@code next} is the cursor to pass as {@code after} for the following page. */
  public record FeedPage(List<CloudEvent> events, String next) {}

  private final EventOutbox outbox;

  EventFeed(EventOutbox outbox) {
    this.outbox = outbox;
  }

  /** The position of the newest sequenced event (0 when there is none): a reader that starts now resumes after it. */
  public long head() {
    outbox.sequence();
    return outbox.head();
  }

  /**
   * The events after the cursor; {@link EventsRemoved} when events after it were deleted after their retention.
   * The watermark is read after the events: a batch deleted meanwhile commits with its watermark, so it is seen.
   */
  public FeedPage after(long cursor, String type, int limit) {
    outbox.sequence();
    List<CloudEvent> events = outbox.after(cursor, type, limit);
    long removedThrough = outbox.removedThrough();
    if (cursor < removedThrough) {
      throw new EventsRemoved(cursor, removedThrough);
    }
    String next = events.isEmpty() ? String.valueOf(cursor) : events.get(events.size() - 1).sequence();
    return new FeedPage(events, next);
  }
}
