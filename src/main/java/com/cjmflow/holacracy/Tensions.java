package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  /** A tension as {@link #SELECT} reads it; {@link #tension} adds its events. */
  private record Row(long id, long circleId, String circleKey, Long roleId, String roleKey, String kind,
      String title, String description, String state, String raisedBy, OffsetDateTime raisedAt,
      OffsetDateTime updatedAt, Long orderId, String stage, String taskId, Long caseId, Long parkingId, String cause,
      String evidence) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Structure structure;
  private final Governance governance;
  private final CurrentUser currentUser;
  private final TransactionTemplate ownTransaction;
  private final ApplicationEventPublisher events;

  Tensions(JdbcClient jdbc, Clock clock, Structure structure, Governance governance, CurrentUser currentUser,
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
        long unresolved = jdbc.sql(
            "select count(*) from crm_holacracy_tensions where cause = :cause and state <> 'resolved'")
            .param("cause", cause).query(Long.class).single();
        if (unresolved > 0) {
          return Optional.<Long>empty();
        }
        long episodes = jdbc.sql("select count(*) from crm_holacracy_tensions where cause = :cause")
            .param("cause", cause).query(Long.class).single();
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
    jdbc.sql("""
        update crm_holacracy_tensions set state = :state, circle_id = :circleId, role_id = :roleId,
          kind = coalesce(:kind, kind), updated_at = :now where id = :id""")
        .param("state", to).param("circleId", circleId).param("roleId", roleId).param("kind", change.kind())
        .param("now", now()).param("id", id).update();
    event(id, tension.orderId(), governance.actor(), tension.state(), to, change.note());
    return get(id);
  }

  /** Moves a tension as a parking session does (into parked, out of it when the session completes). */
  void move(long id, String to, Long parkingId, String note) {
    Tension tension = get(id);
    jdbc.sql("""
        update crm_holacracy_tensions set state = :state, parking_id = coalesce(:parkingId, parking_id),
          updated_at = :now where id = :id""")
        .param("state", to).param("parkingId", parkingId).param("now", now()).param("id", id).update();
    event(id, tension.orderId(), governance.actor(), tension.state(), to, note);
  }

  public Tension get(long id) {
    return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(Row.class).optional().map(this::tension)
        .orElseThrow(() -> new HolacracyFacts.TensionNotFound(id));
  }

  public Page<Tension> list(Filter filter, int page, int size) {
    return PagedQuery.from("""
        from crm_holacracy_tensions t join crm_holacracy_circles c on c.id = t.circle_id
          left join crm_holacracy_roles r on r.id = t.role_id""")
        .whereIf(filter.circleId(), "t.circle_id = ?").whereIf(filter.roleId(), "t.role_id = ?")
        .whereIf(filter.state(), "t.state = ?").whereIf(filter.kind(), "t.kind = ?")
        .whereIf(filter.orderId(), "t.order_id = ?")
        .page(jdbc, "select t.*, c.circle_key, r.role_key", "t.raised_at desc, t.id desc", Row.class, page, size)
        .map(this::tension);
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
      Structure.Role role = jdbc.sql("select count(*) from crm_holacracy_roles where id = :id").param("id", roleId)
          .query(Long.class).single() == 0 ? null : structure.role(roleId);
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
    if (jdbc.sql("select count(*) from crm_holacracy_circles where id = :id").param("id", circleId)
        .query(Long.class).single() == 0) {
      throw new HolacracyFacts.Refused("There is no circle " + circleId);
    }
    return circleId;
  }

  private long insert(long circleId, Long roleId, String kind, String title, String description, String actor,
      Long orderId, String stage, String taskId, Long caseId, String cause, String causeKey, String evidence) {
    OffsetDateTime now = now();
    var key = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into crm_holacracy_tensions (circle_id, role_id, kind, title, description, state, raised_by,
          raised_at, updated_at, order_id, stage, task_id, case_id, cause, cause_key, evidence)
        values (:circleId, :roleId, :kind, :title, :description, 'open', :actor, :now, :now, :orderId, :stage,
          :taskId, :caseId, :cause, :causeKey, :evidence)""")
        .param("circleId", circleId).param("roleId", roleId).param("kind", kind).param("title", title)
        .param("description", description).param("actor", actor).param("now", now).param("orderId", orderId)
        .param("stage", stage).param("taskId", taskId).param("caseId", caseId).param("cause", cause)
        .param("causeKey", causeKey).param("evidence", evidence).update(key, "id");
    long id = key.getKey().longValue();
    event(id, orderId, actor, null, OPEN, cause == null ? "raised" : "raised by the service: " + cause);
    return id;
  }

  private void event(long tensionId, Long orderId, String actor, String from, String to, String note) {
    OffsetDateTime at = now();
    jdbc.sql("""
        insert into crm_holacracy_tension_events (tension_id, actor, occurred_at, from_state, to_state, note)
        values (:tensionId, :actor, :at, :from, :to, :note)""")
        .param("tensionId", tensionId).param("actor", actor).param("at", at).param("from", from).param("to", to)
        .param("note", note).update();
    events.publishEvent(new HolacracyEvents.TensionMoved(tensionId, orderId, from, to, actor, note, at));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private Tension tension(Row t) {
    return new Tension(t.id(), t.circleId(), t.circleKey(), t.roleId(), t.roleKey(), t.kind(), t.title(),
        t.description(), t.state(), t.raisedBy(), t.raisedAt(), t.updatedAt(), t.orderId(), t.stage(), t.taskId(),
        t.caseId(), t.parkingId(), t.cause(), t.evidence(), events(t.id()));
  }

  private List<Event> events(long tensionId) {
    return jdbc.sql("""
        select id, actor, occurred_at, from_state, to_state, note from crm_holacracy_tension_events
        where tension_id = :tensionId order by occurred_at, id""").param("tensionId", tensionId)
        .query(Event.class).list();
  }
}
