package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.cjmflow.platform.Page;
import com.cjmflow.platform.PagedQuery;

import io.swagger.v3.oas.annotations.media.Schema;

/** The searchable customer list with each customer's current owner. */
@Service
public class CustomerDirectory {

  /** One line of the list. */
  @Schema(name = "CustomerSummary")
  public record Summary(long id, String displayName, String type, String status, String tier, String email,
      String phone, String ownerManagerId, OffsetDateTime lastContactAt, OffsetDateTime createdAt) {}

  /**
   * Filters are optional (null). {@code q} matches part of the display name, e-mail or phone, ignoring case;
   * page is 0-based.
   */
  public record Query(String q, String tier, String status, String ownerManagerId, int page, int size) {}

  private static final String FROM = """
      from customers c
      left join customer_manager_links l on l.customer_id = c.id and l.unassigned_at is null""";

  private final JdbcClient jdbc;

  CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Ordered by display name, then id. */
  public Page<Summary> list(Query query) {
    PagedQuery list = PagedQuery.from(FROM);
    if (query.q() != null && !query.q().isBlank()) {
      String pattern = "%" + escapeLike(query.q().trim().toLowerCase(Locale.ROOT)) + "%";
      list.where("(lower(c.display_name) like ? escape '!' or lower(c.email) like ? escape '!'"
          + " or lower(c.phone) like ? escape '!')", pattern, pattern, pattern);
    }
    return list.whereIf(query.tier(), "c.tier = ?").whereIf(query.status(), "c.status = ?")
        .whereIf(query.ownerManagerId(), "l.manager_id = ?")
        .page(jdbc, """
            select c.id, c.display_name, c.type, c.status, c.tier, c.email, c.phone, l.manager_id as owner_manager_id,
                   c.last_contact_at, c.created_at""", "c.display_name, c.id", Summary.class, query.page(), query.size());
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
