package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

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

  @Schema(name = "CustomerPage")
  public record Page(List<Summary> items, int page, int size, long total) {}

  private static final RowMapper<Summary> ROW = (rs, i) -> new Summary(rs.getLong("id"),
      rs.getString("display_name"), rs.getString("type"), rs.getString("status"), rs.getString("tier"),
      rs.getString("email"), rs.getString("phone"), rs.getString("owner_manager_id"),
      rs.getObject("last_contact_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));

  private static final String FROM = """
       from customers c
       left join customer_manager_links l on l.customer_id = c.id and l.unassigned_at is null
      where 1 = 1""";

  private final JdbcTemplate jdbc;

  CustomerDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Ordered by display name, then id. */
  public Page list(Query query) {
    StringBuilder where = new StringBuilder();
    List<Object> args = new ArrayList<>();
    if (query.q() != null && !query.q().isBlank()) {
      String pattern = "%" + escapeLike(query.q().trim().toLowerCase(Locale.ROOT)) + "%";
      where.append(" and (lower(c.display_name) like ? escape '!' or lower(c.email) like ? escape '!'"
          + " or lower(c.phone) like ? escape '!')");
      args.addAll(List.of(pattern, pattern, pattern));
    }
    if (query.tier() != null) {
      where.append(" and c.tier = ?");
      args.add(query.tier());
    }
    if (query.status() != null) {
      where.append(" and c.status = ?");
      args.add(query.status());
    }
    if (query.ownerManagerId() != null) {
      where.append(" and l.manager_id = ?");
      args.add(query.ownerManagerId());
    }
    long total = jdbc.queryForObject("select count(*)" + FROM + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add((long) query.page() * query.size());
    pageArgs.add(query.size());
    List<Summary> items = jdbc.query("""
        select c.id, c.display_name, c.type, c.status, c.tier, c.email, c.phone, l.manager_id as owner_manager_id,
               c.last_contact_at, c.created_at""" + FROM + where
        + " order by c.display_name, c.id offset ? rows fetch next ? rows only", ROW, pageArgs.toArray());
    return new Page(items, query.page(), query.size(), total);
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
