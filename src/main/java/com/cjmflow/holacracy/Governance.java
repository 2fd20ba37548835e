package com.cjmflow.holacracy;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.CurrentUser;

/**
 * Who may change a circle's roles and assignments: the process owner, and whoever fills the lead-link role of the
 * circle or of a circle above it. Checked on the caller's groups of this request (no cache).
 */
@Component
class Governance {

  static final String PROCESS_OWNERS = "process-owners";

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;

  Governance(JdbcTemplate jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  String actor() {
    return currentUser.id().orElse("system");
  }

  /** The caller is the process owner or a lead link over the circle; otherwise 403. */
  void requireGovernor(long circleId) {
    if (!isGovernor(circleId)) {
      throw new HolacracyFacts.NotGovernor(jdbc.queryForObject(
          "select circle_key from crm_holacracy_circles where id = ?", String.class, circleId));
    }
  }

  boolean isGovernor(long circleId) {
    if (currentUser.id().isEmpty()) {
      return true; // the service's own bookkeeping (no caller)
    }
    List<String> groups = currentUser.groups();
    if (groups.contains(PROCESS_OWNERS)) {
      return true;
    }
    Long next = circleId;
    for (int depth = 0; next != null && depth < 50; depth++) {
      var row = jdbc.queryForMap("""
          select c.parent_circle_id, r.role_key from crm_holacracy_circles c
            join crm_holacracy_roles r on r.id = c.lead_link_role_id where c.id = ?""", next);
      if (groups.contains((String) row.get("role_key"))) {
        return true;
      }
      next = row.get("parent_circle_id") == null ? null : ((Number) row.get("parent_circle_id")).longValue();
    }
    return false;
  }
}
