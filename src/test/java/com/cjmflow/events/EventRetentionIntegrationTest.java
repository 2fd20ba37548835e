package com.cjmflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retention of the event outbox: rows written longer ago than {@code cjm.events.retention} (90 days) are deleted in
 * batches once done (sequenced; published too when a relay is configured), everything else stays however old, and a
 * feed cursor before the deleted events answers 410 with where to resume. Rows are made old by their
 * {@code created_at}; all but the feed test roll back, so other tests sharing the database never see them.
 */
class EventRetentionIntegrationTest extends ApiTestSupport {

  private static final int BATCH = 2;
  private static final String TYPE = "crm.test.retention";

  @Autowired EventOutbox outbox;
  @Autowired EventRetention retention;
  @Autowired EventsProperties properties;
  @Autowired JdbcClient jdbcClient;
  @Autowired TransactionTemplate transaction;
  @Autowired Clock clock;

  private long watermarkBefore;

  @BeforeEach
  void rememberWatermark() {
    ClockUtil.reset();
    watermarkBefore = outbox.removedThrough();
  }

  /**
   * The feed test commits: put the watermark back so other tests' readers from 0 are not refused, and drop its
   * test-typed event so no reader of the whole feed meets a type without a schema.
   */
  @AfterEach
  void restoreWatermark() {
    jdbc.update("update crm_event_sequence set removed_through = ? where id = 1", watermarkBefore);
    jdbc.update("delete from crm_event_outbox where event_type = ?", TYPE);
  }

  @Test
  void oldSequencedRowsAreDeletedInBatchesNewAndUnsequencedOnesStay() {
    rolledBack(() -> {
      // given five sequenced rows older than the retention, one sequenced row of yesterday, and an old row that is
      // not sequenced yet (appended after the sequencer ran)
      List<String> old = List.of(event("old-1"), event("old-2"), event("old-3"), event("old-4"), event("old-5"));
      String recent = event("recent");
      outbox.sequence();
      String unsequenced = event("unsequenced");
      age(old, 91);
      age(List.of(recent), 1);
      age(List.of(unsequenced), 365);

      // when the retention runs with batches of two
      int removed = retention.removeExpired(BATCH);

      // then the five old rows are gone, over three batches, and the others stay
      assertThat(removed).isEqualTo(5);
      assertThat(old).allSatisfy(id -> assertThat(exists(id)).as(id).isFalse());
      assertThat(exists(recent)).isTrue();
      assertThat(exists(unsequenced)).isTrue();
      return null;
    });
  }

  @Test
  void withARelayOnlyPublishedRowsAreDeleted() {
    rolledBack(() -> {
      // given two old sequenced rows, one of them published by the relay
      String published = event("published");
      String unpublished = event("unpublished");
      outbox.sequence();
      age(List.of(published, unpublished), 200);
      jdbc.update("update crm_event_outbox set published_at = current_timestamp where event_id = ?", published);

      // when the retention of a service with a relay runs
      EventRetention relayed = new EventRetention(jdbcClient, transaction, clock, properties, List.of(relay()));
      int removed = relayed.removeExpired(BATCH);

      // then only the published row is gone
      assertThat(removed).isEqualTo(1);
      assertThat(exists(published)).isFalse();
      assertThat(exists(unpublished)).isTrue();
      return null;
    });
  }

  @Test
  void aCursorBeforeTheDeletedEventsIsGoneAndTheWatermarkResumes() {
    // given three old sequenced events and a newer one after them, and the cursor before them all
    long start = jdbc.queryForObject("select last_position from crm_event_sequence where id = 1", Long.class);
    List<String> old = List.of(event("gone-1"), event("gone-2"), event("gone-3"));
    String kept = event("kept");
    outbox.sequence();
    age(old, 120);
    long lastOld = position(old.get(2));

    // when the retention deletes the old ones
    assertThat(retention.removeExpired(BATCH)).isEqualTo(3);

    // then the watermark is the highest position deleted, and a reader before it is told where to resume
    assertThat(outbox.removedThrough()).isEqualTo(lastOld);
    ResponseEntity<String> stale = call("booking", HttpMethod.GET, "/api/v1/events?after=" + start, null);
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(stale.getHeaders().getContentType()).hasToString("application/problem+json");
    JsonNode problem = read(stale);
    assertThat(problem.get("type").asText()).isEqualTo("urn:cjm:problem:events-removed");
    assertThat(problem.get("status").asInt()).isEqualTo(410);
    assertThat(problem.get("resumeAfter").asLong()).isEqualTo(lastOld);
    assertThat(problem.get("detail").asText()).contains("Events up to position " + lastOld)
        .contains("after=" + lastOld);
    // and from the watermark the feed goes on with the later event
    JsonNode page = read(call("booking", HttpMethod.GET, "/api/v1/events?limit=1000&after=" + lastOld, null));
    assertThat(page.get("events").findValuesAsText("id")).contains(kept);
    assertThat(call("booking", HttpMethod.GET, "/api/v1/events?after=" + (lastOld + 1), null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private String event(String name) {
    return transaction.execute(status -> outbox.append(TYPE, "/cjm-flow/test", "tests/" + name,
        "test", OffsetDateTime.now(clock), Map.of("name", name)));
  }

  private void age(List<String> eventIds, int days) {
    OffsetDateTime created = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minusDays(days);
    eventIds.forEach(id -> jdbc.update("update crm_event_outbox set created_at = ? where event_id = ?", created, id));
  }

  private boolean exists(String eventId) {
    return !outbox.byId(eventId).isEmpty();
  }

  private long position(String eventId) {
    return Long.parseLong(outbox.byId(eventId).get(0).sequence());
  }

  /** Runs the test in one transaction that is rolled back: the retention's batches join it. */
  private void rolledBack(Supplier<Void> test) {
    transaction.execute(status -> {
      status.setRollbackOnly();
      return test.get();
    });
  }

  private EventRelay relay() {
    return new EventRelay(outbox, "test-node", clock) {
      @Override
      String broker() {
        return "test";
      }

      @Override
      void publish(EventOutbox.Row row) {}
    };
  }
}
