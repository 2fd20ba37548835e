package com.cjmflow.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code crm_event_outbox}: rows are appended in the transaction of the change; {@link #sequence} gives committed
 * rows their feed position in commit order (one sequencer at a time, under the {@code crm_event_sequence} row lock);
 * the relay claims sequenced rows for a lease, so two nodes never publish the same row at once.
 */
@Repository
class EventOutbox {

  static final Duration LEASE = Duration.ofMinutes(1);
  static final int SEQUENCE_BATCH = 500;

  /** A stored event with its relay state. */
  record Row(long id, CloudEvent event, String aggregate, int attempts) {}

  /** A row of {@code crm_event_outbox} as it is stored; {@link #event} parses its JSON data. */
  private record Stored(long id, String eventId, String source, String eventType, String subject,
      OffsetDateTime eventTime, String data, Long feedPosition, String aggregate, int attempts) {

    CloudEvent event(ObjectMapper json) {
      try {
        return new CloudEvent(CloudEvent.SPEC_VERSION, eventId, source, eventType, subject, eventTime,
            CloudEvent.JSON, json.readTree(data), feedPosition == null ? null : feedPosition.toString());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored event data is not JSON", e);
      }
    }
  }

  private static final String SELECT = """
      select id, event_id, source, event_type, subject, event_time, data, feed_position, aggregate, attempts
        from crm_event_outbox""";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  EventOutbox(JdbcClient jdbc, ObjectMapper json, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.json = json;
    this.transaction = transaction;
  }

  /** Appends an event in the caller's transaction; answers its id. */
  String append(String type, String source, String subject, String aggregate, OffsetDateTime time, Object data) {
    String id = UUID.randomUUID().toString();
    try {
      jdbc.sql("""
          insert into crm_event_outbox (event_id, event_type, source, subject, aggregate, event_time, data, created_at)
          values (:id, :type, :source, :subject, :aggregate, :time, :data, current_timestamp)""")
          .param("id", id).param("type", type).param("source", source).param("subject", subject)
          .param("aggregate", aggregate).param("time", time).param("data", json.writeValueAsString(data)).update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event data of " + type + " is not JSON", e);
    }
    return id;
  }

  /** Gives every committed, unsequenced row its feed position, in id order; answers how many. */
  int sequence() {
    return transaction.execute(status -> {
      long last = jdbc.sql("select last_position from crm_event_sequence where id = 1 for update")
          .query(Long.class).single();
      List<Long> ids = jdbc.sql("""
          select id from crm_event_outbox where feed_position is null order by id
          offset 0 rows fetch next :batch rows only""").param("batch", SEQUENCE_BATCH).query(Long.class).list();
      long position = last;
      for (long id : ids) {
        jdbc.sql("update crm_event_outbox set feed_position = :position where id = :id")
            .param("position", ++position).param("id", id).update();
      }
      if (position != last) {
        jdbc.sql("update crm_event_sequence set last_position = :position where id = 1").param("position", position)
            .update();
      }
      return ids.size();
    });
  }

  /** The last position given (0 before the first): the head even when the retention has deleted every row. */
  long head() {
    return jdbc.sql("select last_position from crm_event_sequence where id = 1").query(Long.class).single();
  }

  /** The highest feed position deleted after the retention (0 when none was). */
  long removedThrough() {
    return jdbc.sql("select removed_through from crm_event_sequence where id = 1").query(Long.class).single();
  }

  /** Sequenced events after the position, in feed order, optionally of one type. */
  List<CloudEvent> after(long position, String type, int limit) {
    String ofType = type == null ? "" : " and event_type = :type";
    return jdbc.sql(SELECT + " where feed_position > :position" + ofType
        + " order by feed_position offset 0 rows fetch next :limit rows only")
        .param("position", position).param("type", type).param("limit", limit).query(Stored.class).list().stream()
        .map(stored -> stored.event(json)).toList();
  }

  /** The event with this id, sequenced or not. */
  List<CloudEvent> byId(String eventId) {
    return jdbc.sql(SELECT + " where event_id = :eventId").param("eventId", eventId).query(Stored.class).list()
        .stream().map(stored -> stored.event(json)).toList();
  }

  /** Sequenced rows not yet published whose lease is free, in feed order. */
  List<Row> unpublished(OffsetDateTime now, int limit) {
    return jdbc.sql(SELECT + " where published_at is null and feed_position is not null"
        + " and (claimed_until is null or claimed_until < :now)"
        + " order by feed_position offset 0 rows fetch next :limit rows only")
        .param("now", now).param("limit", limit).query(Stored.class).list().stream()
        .map(stored -> new Row(stored.id(), stored.event(json), stored.aggregate(), stored.attempts())).toList();
  }

  /** Takes the row for {@link #LEASE}; true only for the one node whose update changed it. */
  boolean claim(long id, String node, OffsetDateTime now) {
    return jdbc.sql("""
        update crm_event_outbox set claimed_by = :node, claimed_until = :until
        where id = :id and published_at is null and (claimed_until is null or claimed_until < :now)""")
        .param("node", node).param("until", now.plus(LEASE)).param("id", id).param("now", now).update() == 1;
  }

  void published(long id, String node, OffsetDateTime now) {
    jdbc.sql("""
        update crm_event_outbox set published_at = :now, attempts = attempts + 1, claimed_until = null,
          last_error = null
        where id = :id and claimed_by = :node""").param("now", now).param("id", id).param("node", node).update();
  }

  void failed(long id, String node, String error) {
    String message = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
    jdbc.sql("""
        update crm_event_outbox set attempts = attempts + 1, last_error = :error, claimed_until = null
        where id = :id and claimed_by = :node""").param("error", message).param("id", id).param("node", node)
        .update();
  }
}
