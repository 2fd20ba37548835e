package com.cjmflow.holacracy;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.CurrentUser;

/**
 * Who may change a circle's roles and assignments: the process owner, and whoever fills the lead-link role of the
 * circle or of a circle above it. Checked on the caller's groups of this request (no cache).
 */
@Component
class Governance {

  static final String PROCESS_OWNERS = "process-owners";

  /** A circle's parent and the key of its lead-link role. */
  private record Link(Long parentCircleId, String roleKey) {}

  private final JdbcClient jdbc;
  private final CurrentUser currentUser;

  Governance(JdbcClient jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  String actor() {
    return currentUser.id().orElse("system");
  }

  /** The caller is the process owner or a lead link over the circle; otherwise 403. */
  void requireGovernor(long circleId) {
    if (!isGovernor(circleId)) {
      throw new HolacracyFacts.NotGovernor(jdbc.sql("select circle_key from crm_holacracy_circles where id = :id")
          .param("id", circleId).query(String.class).single());
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
      Link link = jdbc.sql("""
          select c.parent_circle_id, r.role_key from crm_holacracy_circles c
            join crm_holacracy_roles r on r.id = c.lead_link_role_id where c.id = :id""").param("id", next)
          .query(Link.class).single();
      if (groups.contains(link.roleKey())) {
        return true;
      }
      next = link.parentCircleId();
    }
    return false;
  }
}
