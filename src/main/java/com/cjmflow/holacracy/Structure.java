package com.cjmflow.holacracy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Circles and roles: read, and the governance changes to roles (a role made for a new BPMN task, a purpose,
 * accountabilities and domains). A role's key is its Camunda group; keys are lower-case like the model's groups.
 */
@Service
public class Structure {

  public static final String COMPANY = "company";
  static final String KEY = "[a-z][a-z0-9-]{1,63}";

  @Schema(name = "HolacracyCircle")
  public record Circle(long id, String key, String name, String purpose, Long parentId, long leadLinkRoleId,
      String leadLinkRoleKey) {}

  @Schema(name = "HolacracyRole")
  public record Role(long id, String key, long circleId, String circleKey, String name, String purpose,
      List<String> accountabilities, List<String> domains, String origin, OffsetDateTime updatedAt,
      String updatedBy) {}

  /** A new role or the parts of one to change (null = unchanged). */
  public record RoleChange(String circleKey, String name, String purpose, List<String> accountabilities,
      List<String> domains) {}

  private static final String ROLE_SELECT = """
      select r.*, c.circle_key from crm_holacracy_roles r join crm_holacracy_circles c on c.id = r.circle_id""";

  /** A row of {@code crm_holacracy_roles} with its circle's key: accountabilities and domains one per line. */
  private record RoleRow(long id, String roleKey, long circleId, String circleKey, String name, String purpose,
      String accountabilities, String domains, String origin, OffsetDateTime updatedAt, String updatedBy) {

    Role role() {
      return new Role(id, roleKey, circleId, circleKey, name, purpose, split(accountabilities), split(domains),
          origin, updatedAt, updatedBy);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Governance governance;
  private final RoleMembership membership;

  Structure(JdbcClient jdbc, Clock clock, Governance governance, RoleMembership membership) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.governance = governance;
    this.membership = membership;
  }

  public List<Circle> circles() {
    return jdbc.sql("""
        select c.id, c.circle_key as "key", c.name, c.purpose, c.parent_circle_id as parent_id, c.lead_link_role_id,
               r.role_key as lead_link_role_key
          from crm_holacracy_circles c join crm_holacracy_roles r on r.id = c.lead_link_role_id order by c.id""")
        .query(Circle.class).list();
  }

  public Circle circle(long id) {
    return circles().stream().filter(c -> c.id() == id).findFirst().orElseThrow(() -> new HolacracyFacts
        .CircleNotFound(id));
  }

  public Circle circle(String key) {
    return circles().stream().filter(c -> c.key().equals(key)).findFirst()
        .orElseThrow(() -> new HolacracyFacts.CircleNotFound(key));
  }

  public List<Role> roles() {
    return jdbc.sql(ROLE_SELECT + " order by r.circle_id, r.id").query(RoleRow.class).list().stream()
        .map(RoleRow::role).toList();
  }

  public Role role(long id) {
    return jdbc.sql(ROLE_SELECT + " where r.id = :id").param("id", id).query(RoleRow.class).optional()
        .map(RoleRow::role).orElseThrow(() -> new HolacracyFacts.RoleNotFound(id));
  }

  public Optional<Role> roleByKey(String key) {
    return jdbc.sql(ROLE_SELECT + " where r.role_key = :key").param("key", key).query(RoleRow.class).optional()
        .map(RoleRow::role);
  }

  /** The circle and the circles above it, nearest first. */
  List<Circle> withAncestors(long circleId) {
    List<Circle> all = circles();
    List<Circle> chain = new java.util.ArrayList<>();
    Long next = circleId;
    while (next != null && chain.size() <= all.size()) {
      long id = next;
      Circle circle = all.stream().filter(c -> c.id() == id).findFirst().orElseThrow();
      chain.add(circle);
      next = circle.parentId();
    }
    return chain;
  }

  /** A role for a new BPMN task (governance of the circle): its group and access template apply at once. */
  @Transactional
  public Role create(String key, RoleChange change) {
    if (key == null || !key.matches(KEY) || membership.isReserved(key) || membership.isForeignGroup(key)) {
      throw new HolacracyFacts.Refused("A role key is lower-case letters, digits and '-' (2-64), and not one of the "
          + "declared groups or templates of security/roles.yaml, nor a Camunda group made for something else: " + key);
    }
    Circle circle = circle(change.circleKey() == null ? COMPANY : change.circleKey());
    governance.requireGovernor(circle.id());
    if (roleByKey(key).isPresent()) {
      throw new HolacracyFacts.StateChangeRefused("Role " + key + " exists already");
    }
    insert(key, circle.id(), change.name() == null ? key : change.name(), change, "governance", governance.actor());
    Role role = roleByKey(key).orElseThrow();
    membership.roleChanged(role.key(), role.name());
    return role;
  }

  /** A role first named by a deployed model: made in the company circle, for the lead link to place and fill. */
  Role createFromModel(String key) {
    insert(key, circle(COMPANY).id(), key, new RoleChange(null, key, null, null, null), "model", "system");
    return roleByKey(key).orElseThrow();
  }

  @Transactional
  public Role change(long roleId, RoleChange change) {
    Role role = role(roleId);
    governance.requireGovernor(role.circleId());
    long circleId = role.circleId();
    if (change.circleKey() != null) {
      circleId = circle(change.circleKey()).id();
      governance.requireGovernor(circleId);
    }
    jdbc.sql("""
        update crm_holacracy_roles set circle_id = :circleId, name = :name, purpose = :purpose,
          accountabilities = :accountabilities, domains = :domains, updated_at = :now, updated_by = :by
        where id = :id""")
        .param("circleId", circleId).param("name", change.name() == null ? role.name() : change.name())
        .param("purpose", change.purpose() == null ? role.purpose() : change.purpose())
        .param("accountabilities",
            change.accountabilities() == null ? lines(role.accountabilities()) : lines(change.accountabilities()))
        .param("domains", change.domains() == null ? lines(role.domains()) : lines(change.domains()))
        .param("now", now()).param("by", governance.actor()).param("id", roleId).update();
    Role changed = role(roleId);
    membership.roleChanged(changed.key(), changed.name());
    return changed;
  }

  private void insert(String key, long circleId, String name, RoleChange change, String origin, String actor) {
    OffsetDateTime now = now();
    jdbc.sql("""
        insert into crm_holacracy_roles (role_key, circle_id, name, purpose, accountabilities, domains, origin,
          created_at, updated_at, updated_by)
        values (:key, :circleId, :name, :purpose, :accountabilities, :domains, :origin, :now, :now, :actor)""")
        .param("key", key).param("circleId", circleId).param("name", name).param("purpose", change.purpose())
        .param("accountabilities", lines(change.accountabilities())).param("domains", lines(change.domains()))
        .param("origin", origin).param("now", now).param("actor", actor).update();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String lines(List<String> items) {
    return items == null || items.isEmpty() ? null : String.join("\n", items);
  }

  private static List<String> split(String text) {
    return text == null || text.isBlank() ? List.of()
        : Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
