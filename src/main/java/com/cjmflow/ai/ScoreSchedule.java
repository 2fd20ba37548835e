package com.cjmflow.ai;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.cjmflow.events.CloudEvent;
import com.cjmflow.events.EventFeed;

/**
 * When scores are recomputed: every night for every customer ({@code cjm.ai.scores.nightly}, a cron in the server's
 * zone), and within {@code cjm.ai.scores.follow-interval} of an event that changes a score's features (a contact,
 * a booking, a cancellation or closing, an SLA breach, a case), for that event's customer. Each node follows the feed
 * from the position it started at; two nodes may score the same customer twice, which only adds a history row.
 */
@Component
class ScoreSchedule {

  private static final Logger log = LoggerFactory.getLogger(ScoreSchedule.class);
  static final Set<String> RELEVANT = Set.of("crm.interaction.created", "crm.order.booked", "crm.order.cancelled",
      "crm.order.closed", "crm.sla.breached", "crm.case.opened", "crm.case.resolved");

  private final CustomerScoring scoring;
  private final EventFeed feed;
  private final JdbcTemplate jdbc;
  private Long cursor;

  ScoreSchedule(CustomerScoring scoring, EventFeed feed, JdbcTemplate jdbc) {
    this.scoring = scoring;
    this.feed = feed;
    this.jdbc = jdbc;
  }

  @Scheduled(cron = "${cjm.ai.scores.nightly:0 30 2 * * *}")
  void nightly() {
    log.info("nightly scoring: {} customers", scoring.scoreAll());
  }

  @Scheduled(fixedDelayString = "${cjm.ai.scores.follow-interval:30s}",
      initialDelayString = "${cjm.ai.scores.follow-interval:30s}")
  void follow() {
    try {
      followOnce();
    } catch (RuntimeException e) {
      log.warn("scores could not follow the event feed; retrying", e);
    }
  }

  /** Scores the customers of the relevant events since the last call; answers them. */
  synchronized Set<Long> followOnce() {
    if (cursor == null) {
      cursor = feed.head();
      return Set.of();
    }
    Set<Long> customers = new LinkedHashSet<>();
    while (true) {
      EventFeed.FeedPage page = feed.after(cursor, null, 500);
      for (CloudEvent event : page.events()) {
        if (RELEVANT.contains(event.type())) {
          customerOf(event.subject()).ifPresent(customers::add);
        }
      }
      cursor = Long.parseLong(page.next());
      if (page.events().size() < 500) {
        break;
      }
    }
    customers.forEach(scoring::score);
    return customers;
  }

  private java.util.Optional<Long> customerOf(String subject) {
    if (subject == null) {
      return java.util.Optional.empty();
    }
    try {
      if (subject.startsWith("customers/")) {
        return java.util.Optional.of(Long.parseLong(subject.substring("customers/".length())));
      }
      if (subject.startsWith("orders/")) {
        List<Long> ids = jdbc.queryForList("select customer_id from orders where id = ?", Long.class,
            Long.parseLong(subject.substring("orders/".length())));
        return ids.stream().findFirst();
      }
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }
}
