package com.cjmflow.tasklist;

import java.util.Collection;

/**
 * Whether a person can take the next task of a role: present and still filling one of the task's candidate groups.
 * The default asks the identity service for group membership; absence (holidays, sick leave) and the holacracy
 * layer plug in as another bean.
 */
public interface RoleAvailability {

  boolean canTake(String userId, Collection<String> candidateGroups);
}
