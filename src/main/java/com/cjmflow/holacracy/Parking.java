package com.cjmflow.holacracy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

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

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Tensions tensions;
  private final Governance governance;
  private final RoleMembership membership;

  Parking(JdbcTemplate jdbc, Clock clock, Tensions tensions, Governance governance, RoleMembership membership) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tensions = tensions;
    this.governance = governance;
    this.membership = membership;
  }

  @Transactional
  public Session park(NewSession session) {
    if (jdbc.queryForObject("select count(*) from crm_holacracy_circles where id = ?", Long.class,
        session.circleId()) == 0) {
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
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into crm_holacracy_parking_sessions (circle_id, meeting_kind, meeting_date, facilitator, topic, state,
            created_by, created_at) values (?, ?, ?, ?, ?, 'parked', ?, ?)""", new String[] {"id"});
      insert.setLong(1, session.circleId());
      insert.setString(2, session.meetingKind());
      insert.setObject(3, session.meetingDate());
      insert.setString(4, session.facilitator());
      insert.setString(5, topic);
      insert.setString(6, actor);
      insert.setObject(7, now);
      return insert;
    }, key);
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
    int changed = jdbc.update("""
        update crm_holacracy_parking_sessions set state = 'completed', outcome = ?, completed_by = ?, completed_at = ?
        where id = ? and state = 'parked'""", outcome, governance.actor(), OffsetDateTime.now(clock), id);
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
    return jdbc.query("""
        select p.*, c.circle_key from crm_holacracy_parking_sessions p
          join crm_holacracy_circles c on c.id = p.circle_id where p.id = ?""", this::row, id).stream().findFirst()
        .orElseThrow(() -> new HolacracyFacts.ParkingNotFound(id));
  }

  public Page<Session> list(Long circleId, String state, int page, int size) {
    return PagedQuery.from("from crm_holacracy_parking_sessions p join crm_holacracy_circles c on c.id = p.circle_id")
        .whereIf(circleId, "p.circle_id = ?").whereIf(state, "p.state = ?")
        .page(jdbc, "select p.*, c.circle_key", "p.meeting_date, p.id", this::row, page, size);
  }

  private Session row(ResultSet rs, int i) throws SQLException {
    long id = rs.getLong("id");
    return new Session(id, rs.getLong("circle_id"), rs.getString("circle_key"), rs.getString("meeting_kind"),
        rs.getObject("meeting_date", LocalDate.class), rs.getString("facilitator"), rs.getString("topic"),
        rs.getString("state"), rs.getString("outcome"), rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class), rs.getString("completed_by"),
        rs.getObject("completed_at", OffsetDateTime.class),
        jdbc.queryForList("select id from crm_holacracy_tensions where parking_id = ? order by id", Long.class, id));
  }
}
