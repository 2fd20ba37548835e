package com.cjmflow.tasklist;

import java.util.Collection;

/**
 * Whether a person can take the next task of a role: present and still filling one of the task's candidate groups.
 * The holacracy module answers it (assignments that hold now, absences); without it, group membership decides
 * ({@link IdentityRoleAvailability}).
 */
public interface RoleAvailability {

  boolean canTake(String userId, Collection<String> candidateGroups);
}
