package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;

/**
 * Who owns a customer ({@code customer_manager_links}): a history in which the open row (no {@code unassigned_at})
 * is the current owner. Owners are engine users in the sales-managers or head-of-sales group.
 */
@Service
public class CustomerOwners {

  /** One period of ownership; {@code unassignedAt} is null for the current owner. */
  public record OwnerLink(long id, String managerId, OffsetDateTime assignedAt, String assignedBy,
      OffsetDateTime unassignedAt) {}

  static final List<String> OWNER_GROUPS = List.of("sales-managers", "head-of-sales");

  private final JdbcClient jdbc;
  private final CustomerRows rows;
  private final CurrentUser users;
  private final ApplicationEventPublisher events;

  CustomerOwners(JdbcClient jdbc, CustomerRows rows, CurrentUser users, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.users = users;
    this.events = events;
  }

  /**
   * Makes {@code managerId} the owner: closes the current link and opens a new one, or does nothing when they own
   * the customer already. 404 problem for an unknown customer, 422 problem when the user may not own customers.
   * The change is recorded in {@code manager_activity_events} for the acting user.
   */
  @Transactional
  public List<OwnerLink> assign(long customerId, String managerId, String actingUser) {
    rows.lock(customerId);
    if (!mayOwnCustomers(managerId)) {
      throw new DomainException.RuleViolation(managerId + " is not a user in " + String.join(" or ", OWNER_GROUPS));
    }
    Optional<OwnerLink> current = current(customerId);
    if (current.isPresent() && current.get().managerId().equals(managerId)) {
      return history(customerId);
    }
    OffsetDateTime now = CustomerRows.now();
    current.ifPresent(link -> jdbc.sql("update customer_manager_links set unassigned_at = ? where id = ?")
        .params(now, link.id()).update());
    jdbc.sql("""
        insert into customer_manager_links (customer_id, manager_id, assigned_at, assigned_by)
        values (?, ?, ?, ?)""").params(customerId, managerId, now, actingUser).update();
    events.publishEvent(new CustomerOwnerChanged(customerId, current.map(OwnerLink::managerId).orElse(null),
        managerId, actingUser, now)); // the acting user's activity
    return history(customerId);
  }

  /** Newest first. */
  public List<OwnerLink> history(long customerId) {
    return jdbc.sql("""
        select * from customer_manager_links where customer_id = ?
        order by assigned_at desc, id desc""").param(customerId).query(OwnerLink.class).list();
  }

  public Optional<OwnerLink> current(long customerId) {
    return jdbc.sql("""
        select * from customer_manager_links where customer_id = ? and unassigned_at is null
        order by id desc""").param(customerId).query(OwnerLink.class).list().stream().findFirst();
  }

  /** A user in one of the owner groups. */
  boolean mayOwnCustomers(String userId) {
    return users.isMemberOfAny(userId, OWNER_GROUPS);
  }
}
