package com.cjmflow.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  EventOutbox(JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.json = json;
    this.transaction = transaction;
  }

  /** Appends an event in the caller's transaction; answers its id. */
  String append(String type, String source, String subject, String aggregate, OffsetDateTime time, Object data) {
    String id = UUID.randomUUID().toString();
    try {
      jdbc.update("""
          insert into crm_event_outbox (event_id, event_type, source, subject, aggregate, event_time, data, created_at)
          values (?, ?, ?, ?, ?, ?, ?, current_timestamp)""",
          id, type, source, subject, aggregate, time, json.writeValueAsString(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event data of " + type + " is not JSON", e);
    }
    return id;
  }

  /** Gives every committed, unsequenced row its feed position, in id order; answers how many. */
  int sequence() {
    return transaction.execute(status -> {
      long last = jdbc.queryForObject("select last_position from crm_event_sequence where id = 1 for update",
          Long.class);
      List<Long> ids = jdbc.queryForList("""
          select id from crm_event_outbox where feed_position is null order by id
          offset 0 rows fetch next ? rows only""", Long.class, SEQUENCE_BATCH);
      long position = last;
      for (long id : ids) {
        jdbc.update("update crm_event_outbox set feed_position = ? where id = ?", ++position, id);
      }
      if (position != last) {
        jdbc.update("update crm_event_sequence set last_position = ? where id = 1", position);
      }
      return ids.size();
    });
  }

  long head() {
    Long head = jdbc.queryForObject("select max(feed_position) from crm_event_outbox", Long.class);
    return head == null ? 0 : head;
  }

  /** Sequenced events after the position, in feed order, optionally of one type. */
  List<CloudEvent> after(long position, String type, int limit) {
    String where = "feed_position > ?" + (type == null ? "" : " and event_type = ?");
    Object[] args = type == null ? new Object[] {position, limit} : new Object[] {position, type, limit};
    return jdbc.query("select * from crm_event_outbox where " + where
        + " order by feed_position offset 0 rows fetch next ? rows only", (rs, i) -> event(rs), args);
  }

  /** The event with this id, sequenced or not. */
  List<CloudEvent> byId(String eventId) {
    return jdbc.query("select * from crm_event_outbox where event_id = ?", (rs, i) -> event(rs), eventId);
  }

  /** Sequenced rows not yet published whose lease is free, in feed order. */
  List<Row> unpublished(OffsetDateTime now, int limit) {
    RowMapper<Row> row = (rs, i) -> new Row(rs.getLong("id"), event(rs), rs.getString("aggregate"),
        rs.getInt("attempts"));
    return jdbc.query("""
        select * from crm_event_outbox where published_at is null and feed_position is not null
          and (claimed_until is null or claimed_until < ?)
        order by feed_position offset 0 rows fetch next ? rows only""", row, now, limit);
  }

  /** Takes the row for {@link #LEASE}; true only for the one node whose update changed it. */
  boolean claim(long id, String node, OffsetDateTime now) {
    return jdbc.update("""
        update crm_event_outbox set claimed_by = ?, claimed_until = ?
        where id = ? and published_at is null and (claimed_until is null or claimed_until < ?)""",
        node, now.plus(LEASE), id, now) == 1;
  }

  void published(long id, String node, OffsetDateTime now) {
    jdbc.update("""
        update crm_event_outbox set published_at = ?, attempts = attempts + 1, claimed_until = null, last_error = null
        where id = ? and claimed_by = ?""", now, id, node);
  }

  void failed(long id, String node, String error) {
    String message = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
    jdbc.update("""
        update crm_event_outbox set attempts = attempts + 1, last_error = ?, claimed_until = null
        where id = ? and claimed_by = ?""", message, id, node);
  }

  private CloudEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
    Object position = rs.getObject("feed_position");
    try {
      return new CloudEvent(CloudEvent.SPEC_VERSION, rs.getString("event_id"), rs.getString("source"),
          rs.getString("event_type"), rs.getString("subject"), rs.getObject("event_time", OffsetDateTime.class),
          CloudEvent.JSON, json.readTree(rs.getString("data")), position == null ? null : position.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored event data is not JSON", e);
    }
  }
}
