package com.cjmflow.holacracy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

/**
 * Tensions: raised by anyone (or by the service itself, once per cause), for a circle or a role, with links to the
 * order, stage, task or case they are about; every change of state is a row of {@code crm_holacracy_tension_events}.
 * States: open → triaged → in progress → resolved, or parked for a meeting (see {@link Parking}).
 */
@Service
public class Tensions {

  public static final String OPEN = "open";
  public static final String TRIAGED = "triaged";
  public static final String IN_PROGRESS = "in_progress";
  public static final String RESOLVED = "resolved";
  public static final String PARKED = "parked";
  public static final String SYSTEM = "system";

  /** Where a member may move a tension (parking and its completion move it in and out of parked). */
  private static final Map<String, Set<String>> MOVES = Map.of(
      OPEN, Set.of(TRIAGED, IN_PROGRESS, RESOLVED),
      TRIAGED, Set.of(OPEN, IN_PROGRESS, RESOLVED),
      IN_PROGRESS, Set.of(OPEN, TRIAGED, RESOLVED),
      RESOLVED, Set.of(OPEN),
      PARKED, Set.of());

  @Schema(name = "HolacracyTensionEvent")
  public record Event(long id, String actor, OffsetDateTime occurredAt, String fromState, String toState,
      String note) {}

  @Schema(name = "HolacracyTension")
  public record Tension(long id, long circleId, String circleKey, Long roleId, String roleKey, String kind,
      String title, String description, String state, String raisedBy, OffsetDateTime raisedAt,
      OffsetDateTime updatedAt, Long orderId, String stage, String taskId, Long caseId, Long parkingId, String cause,
      String evidence, List<Event> events) {}

  /** A tension to raise: a circle or a role (or both, the role in the circle), and optional links. */
  public record NewTension(String kind, String title, String description, Long circleId, Long roleId, Long orderId,
      String stage, String taskId, Long caseId) {}

  /** A change: a new state and/or a note, another role or circle (null = unchanged). */
  public record Change(String state, String note, Long circleId, Long roleId, String kind) {}

  /** Filters of the list; null = any. */
  public record Filter(Long circleId, Long roleId, String state, String kind, Long orderId) {}

  private static final String SELECT = """
      select t.*, c.circle_key, r.role_key from crm_holacracy_tensions t
        join crm_holacracy_circles c on c.id = t.circle_id left join crm_holacracy_roles r on r.id = t.role_id""";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Structure structure;
  private final Governance governance;
  private final CurrentUser currentUser;
  private final TransactionTemplate ownTransaction;
  private final ApplicationEventPublisher events;

  Tensions(JdbcTemplate jdbc, Clock clock, Structure structure, Governance governance, CurrentUser currentUser,
      PlatformTransactionManager transactions, ApplicationEventPublisher events) {
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
    this.structure = structure;
    this.governance = governance;
    this.currentUser = currentUser;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Transactional
  public Tension raise(NewTension tension) {
    long circleId = circleOf(tension.circleId(), tension.roleId());
    long id = insert(circleId, tension.roleId(), tension.kind(), tension.title(), tension.description(),
        governance.actor(), tension.orderId(), tension.stage(), tension.taskId(), tension.caseId(), null, null, null);
    return get(id);
  }

  /**
   * A tension the service raises itself, once per cause: nothing when one for the same cause is not resolved yet (a
   * rerun, another node), else a new episode of it. Runs in its own transaction, so a parallel raise that loses on
   * the unique cause key changes nothing else.
   */
  Optional<Long> raiseOnce(String cause, long circleId, Long roleId, String kind, String title, String description,
      Long orderId, String stage, String taskId, String evidence) {
    try {
      return ownTransaction.execute(status -> {
        long unresolved = jdbc.queryForObject(
            "select count(*) from crm_holacracy_tensions where cause = ? and state <> 'resolved'", Long.class, cause);
        if (unresolved > 0) {
          return Optional.<Long>empty();
        }
        long episodes = jdbc.queryForObject("select count(*) from crm_holacracy_tensions where cause = ?", Long.class,
            cause);
        return Optional.of(insert(circleId, roleId, kind, title, description, SYSTEM, orderId, stage, taskId, null,
            cause, cause + "#" + (episodes + 1), evidence));
      });
    } catch (DuplicateKeyException raisedInParallel) {
      return Optional.empty();
    }
  }

  @Transactional
  public Tension change(long id, Change change) {
    Tension tension = get(id);
    requireMayChange(tension);
    long circleId = tension.circleId();
    Long roleId = tension.roleId();
    if (change.circleId() != null || change.roleId() != null) {
      roleId = change.roleId() != null ? change.roleId() : change.circleId() != null ? null : tension.roleId();
      circleId = circleOf(change.circleId() != null ? change.circleId() : roleId == null ? tension.circleId() : null,
          roleId);
    }
    String to = change.state() == null ? tension.state() : change.state();
    if (!to.equals(tension.state()) && !MOVES.get(tension.state()).contains(to)) {
      throw new HolacracyFacts.StateChangeRefused(PARKED.equals(tension.state())
          ? "Tension " + id + " is parked: completing its parking session moves it on"
          : PARKED.equals(to) ? "Park a tension with POST /api/v1/crm/holacracy/parking"
              : "Tension " + id + " cannot go from " + tension.state() + " to " + to);
    }
    jdbc.update("""
        update crm_holacracy_tensions set state = ?, circle_id = ?, role_id = ?, kind = coalesce(?, kind),
          updated_at = ? where id = ?""", to, circleId, roleId, change.kind(), now(), id);
    event(id, tension.orderId(), governance.actor(), tension.state(), to, change.note());
    return get(id);
  }

  /** Moves a tension as a parking session does (into parked, out of it when the session completes). */
  void move(long id, String to, Long parkingId, String note) {
    Tension tension = get(id);
    jdbc.update("update crm_holacracy_tensions set state = ?, parking_id = coalesce(?, parking_id), updated_at = ? "
        + "where id = ?", to, parkingId, now(), id);
    event(id, tension.orderId(), governance.actor(), tension.state(), to, note);
  }

  public Tension get(long id) {
    return jdbc.query(SELECT + " where t.id = ?", this::row, id).stream().findFirst()
        .orElseThrow(() -> new HolacracyFacts.TensionNotFound(id));
  }

  public Page<Tension> list(Filter filter, int page, int size) {
    return PagedQuery.from("""
        from crm_holacracy_tensions t join crm_holacracy_circles c on c.id = t.circle_id
          left join crm_holacracy_roles r on r.id = t.role_id""")
        .whereIf(filter.circleId(), "t.circle_id = ?").whereIf(filter.roleId(), "t.role_id = ?")
        .whereIf(filter.state(), "t.state = ?").whereIf(filter.kind(), "t.kind = ?")
        .whereIf(filter.orderId(), "t.order_id = ?")
        .page(jdbc, "select t.*, c.circle_key, r.role_key", "t.raised_at desc, t.id desc", this::row, page, size);
  }

  /** The raiser, a member of the tension's role, a lead link over its circle or the process owner. */
  private void requireMayChange(Tension tension) {
    String caller = governance.actor();
    if (caller.equals(tension.raisedBy()) || (tension.roleKey() != null
        && currentUser.groups().contains(tension.roleKey())) || governance.isGovernor(tension.circleId())) {
      return;
    }
    throw new HolacracyFacts.NotYours("Only who raised tension " + tension.id() + ", the members of its role, the "
        + "lead link of its circle and the process owner change it");
  }

  private long circleOf(Long circleId, Long roleId) {
    if (roleId != null) {
      Structure.Role role = jdbc.queryForObject("select count(*) from crm_holacracy_roles where id = ?", Long.class,
          roleId) == 0 ? null : structure.role(roleId);
      if (role == null) {
        throw new HolacracyFacts.Refused("There is no role " + roleId);
      }
      if (circleId != null && circleId != role.circleId()) {
        throw new HolacracyFacts.Refused("Role " + role.key() + " is not in circle " + circleId);
      }
      return role.circleId();
    }
    if (circleId == null) {
      throw new HolacracyFacts.Refused("A tension is for a circle or a role: give circleId or roleId");
    }
    if (jdbc.queryForObject("select count(*) from crm_holacracy_circles where id = ?", Long.class, circleId) == 0) {
      throw new HolacracyFacts.Refused("There is no circle " + circleId);
    }
    return circleId;
  }

  private long insert(long circleId, Long roleId, String kind, String title, String description, String actor,
      Long orderId, String stage, String taskId, Long caseId, String cause, String causeKey, String evidence) {
    OffsetDateTime now = now();
    var key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var insert = connection.prepareStatement("""
          insert into crm_holacracy_tensions (circle_id, role_id, kind, title, description, state, raised_by,
            raised_at, updated_at, order_id, stage, task_id, case_id, cause, cause_key, evidence)
          values (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      insert.setLong(1, circleId);
      insert.setObject(2, roleId);
      insert.setString(3, kind);
      insert.setString(4, title);
      insert.setString(5, description);
      insert.setString(6, actor);
      insert.setObject(7, now);
      insert.setObject(8, now);
      insert.setObject(9, orderId);
      insert.setString(10, stage);
      insert.setString(11, taskId);
      insert.setObject(12, caseId);
      insert.setString(13, cause);
      insert.setString(14, causeKey);
      insert.setString(15, evidence);
      return insert;
    }, key);
    long id = key.getKey().longValue();
    event(id, orderId, actor, null, OPEN, cause == null ? "raised" : "raised by the service: " + cause);
    return id;
  }

  private void event(long tensionId, Long orderId, String actor, String from, String to, String note) {
    OffsetDateTime at = now();
    jdbc.update("""
        insert into crm_holacracy_tension_events (tension_id, actor, occurred_at, from_state, to_state, note)
        values (?, ?, ?, ?, ?, ?)""", tensionId, actor, at, from, to, note);
    events.publishEvent(new HolacracyEvents.TensionMoved(tensionId, orderId, from, to, actor, note, at));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private Tension row(ResultSet rs, int i) throws SQLException {
    long id = rs.getLong("id");
    return new Tension(id, rs.getLong("circle_id"), rs.getString("circle_key"), nullable(rs, "role_id"),
        rs.getString("role_key"), rs.getString("kind"), rs.getString("title"), rs.getString("description"),
        rs.getString("state"), rs.getString("raised_by"), rs.getObject("raised_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class), nullable(rs, "order_id"), rs.getString("stage"),
        rs.getString("task_id"), nullable(rs, "case_id"), nullable(rs, "parking_id"), rs.getString("cause"),
        rs.getString("evidence"), events(id));
  }

  private List<Event> events(long tensionId) {
    return jdbc.query("select * from crm_holacracy_tension_events where tension_id = ? order by occurred_at, id",
        (rs, i) -> new Event(rs.getLong("id"), rs.getString("actor"), rs.getObject("occurred_at", OffsetDateTime.class),
            rs.getString("from_state"), rs.getString("to_state"), rs.getString("note")), tensionId);
  }

  static Long nullable(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
