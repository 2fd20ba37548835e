package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/**
 * Parking sessions: a topic, and the tensions it holds, parked for a tactical or governance meeting of a circle;
 * completed with an outcome, which resolves the tensions named as resolved and re-opens the others it held.
 */
@Service
public class Parking {

  public static final String PARKED = "parked";
  public static final String COMPLETED = "completed";

  @Schema(name = "HolacracyParkingSession")
  public record Session(long id, long circleId, String circleKey, String meetingKind, LocalDate meetingDate,
      String facilitator, String topic, String state, String outcome, String createdBy, OffsetDateTime createdAt,
      String completedBy, OffsetDateTime completedAt, List<Long> tensionIds) {}

  public record NewSession(long circleId, String meetingKind, LocalDate meetingDate, String facilitator,
      String topic, List<Long> tensionIds) {}

  /** A parking session as it is stored, with its circle's key; {@link #session} adds the tensions it holds. */
  private record Row(long id, long circleId, String circleKey, String meetingKind, LocalDate meetingDate,
      String facilitator, String topic, String state, String outcome, String createdBy, OffsetDateTime createdAt,
      String completedBy, OffsetDateTime completedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Tensions tensions;
  private final Governance governance;
  private final RoleMembership membership;

  Parking(JdbcClient jdbc, Clock clock, Tensions tensions, Governance governance, RoleMembership membership) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tensions = tensions;
    this.governance = governance;
    this.membership = membership;
  }

  @Transactional
  public Session park(NewSession session) {
    if (jdbc.sql("select count(*) from crm_holacracy_circles where id = :id").param("id", session.circleId())
        .query(Long.class).single() == 0) {
      throw new HolacracyFacts.Refused("There is no circle " + session.circleId());
    }
    if (!membership.userExists(session.facilitator())) {
      throw new HolacracyFacts.Refused("There is no user " + session.facilitator() + " to facilitate");
    }
    List<Long> held = session.tensionIds() == null ? List.of() : session.tensionIds().stream().distinct().toList();
    List<Tensions.Tension> parked = held.stream().map(id -> {
      try {
        return tensions.get(id);
      } catch (HolacracyFacts.TensionNotFound e) {
        throw new HolacracyFacts.Refused("There is no tension " + id);
      }
    }).toList();
    for (Tensions.Tension tension : parked) {
      if (Tensions.RESOLVED.equals(tension.state()) || Tensions.PARKED.equals(tension.state())) {
        throw new HolacracyFacts.StateChangeRefused("Tension " + tension.id() + " is " + tension.state());
      }
    }
    String topic = session.topic() != null && !session.topic().isBlank() ? session.topic()
        : parked.isEmpty() ? null : parked.get(0).title();
    if (topic == null) {
      throw new HolacracyFacts.Refused("A parking session needs a topic or at least one tension");
    }
    var key = new GeneratedKeyHolder();
    OffsetDateTime now = OffsetDateTime.now(clock);
    String actor = governance.actor();
    jdbc.sql("""
        insert into crm_holacracy_parking_sessions (circle_id, meeting_kind, meeting_date, facilitator, topic, state,
          created_by, created_at) values (:circleId, :meetingKind, :meetingDate, :facilitator, :topic, 'parked',
          :actor, :now)""")
        .param("circleId", session.circleId()).param("meetingKind", session.meetingKind())
        .param("meetingDate", session.meetingDate()).param("facilitator", session.facilitator())
        .param("topic", topic).param("actor", actor).param("now", now).update(key, "id");
    long id = key.getKey().longValue();
    for (Tensions.Tension tension : parked) {
      tensions.move(tension.id(), Tensions.PARKED, id, "parked for the " + session.meetingKind() + " meeting of "
          + session.meetingDate());
    }
    return get(id);
  }

  /** Completes the session: the tensions in {@code resolved} are resolved, the others it held open again. */
  @Transactional
  public Session complete(long id, String outcome, List<Long> resolved) {
    Session session = get(id);
    if (!governance.actor().equals(session.facilitator()) && !governance.isGovernor(session.circleId())) {
      throw new HolacracyFacts.NotYours("Only the facilitator, the circle's lead link and the process owner "
          + "complete parking session " + id);
    }
    int changed = jdbc.sql("""
        update crm_holacracy_parking_sessions set state = 'completed', outcome = :outcome, completed_by = :by,
          completed_at = :now
        where id = :id and state = 'parked'""")
        .param("outcome", outcome).param("by", governance.actor()).param("now", OffsetDateTime.now(clock))
        .param("id", id).update();
    if (changed == 0) {
      throw new HolacracyFacts.StateChangeRefused("Parking session " + id + " is completed already");
    }
    List<Long> resolvedIds = resolved == null ? List.of() : resolved;
    for (Long tensionId : resolvedIds) {
      if (!session.tensionIds().contains(tensionId)) {
        throw new HolacracyFacts.Refused("Tension " + tensionId + " is not held by parking session " + id);
      }
    }
    for (Long tensionId : session.tensionIds()) {
      if (Tensions.PARKED.equals(tensions.get(tensionId).state())) {
        boolean done = resolvedIds.contains(tensionId);
        tensions.move(tensionId, done ? Tensions.RESOLVED : Tensions.OPEN,
            null, (done ? "resolved" : "re-opened") + " by parking session " + id + ": " + outcome);
      }
    }
    return get(id);
  }

  public Session get(long id) {
    return jdbc.sql("""
        select p.*, c.circle_key from crm_holacracy_parking_sessions p
          join crm_holacracy_circles c on c.id = p.circle_id where p.id = :id""").param("id", id).query(Row.class)
        .optional().map(this::session).orElseThrow(() -> new HolacracyFacts.ParkingNotFound(id));
  }

  public Page<Session> list(Long circleId, String state, int page, int size) {
    return PagedQuery.from("from crm_holacracy_parking_sessions p join crm_holacracy_circles c on c.id = p.circle_id")
        .whereIf(circleId, "p.circle_id = ?").whereIf(state, "p.state = ?")
        .page(jdbc, "select p.*, c.circle_key", "p.meeting_date, p.id", Row.class, page, size).map(this::session);
  }

  private Session session(Row p) {
    return new Session(p.id(), p.circleId(), p.circleKey(), p.meetingKind(), p.meetingDate(), p.facilitator(),
        p.topic(), p.state(), p.outcome(), p.createdBy(), p.createdAt(), p.completedBy(), p.completedAt(),
        jdbc.sql("select id from crm_holacracy_tensions where parking_id = :id order by id").param("id", p.id())
            .query(Long.class).list());
  }
}
