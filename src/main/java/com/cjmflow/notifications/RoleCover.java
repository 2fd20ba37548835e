package com.cjmflow.notifications;

import java.util.List;
import java.util.Optional;

/**
 * Who covers a role's mail now (implemented by the holacracy module; without it a role's mail goes to its group's
 * members): the members filling the role who are not absent, and the stand-ins of those who are.
 */
public interface RoleCover {

  /** The users who receive a role's mail now; empty when nobody covers it. */
  List<String> coveringUsers(String roleKey, List<String> groupMembers);

  /** Whom a user's mail goes to now: their stand-in while they are absent, else nobody else. */
  Optional<String> standInFor(String userId);

  /** A sentence for the mail and the journey when the cover differs from the members, else empty. */
  Optional<String> coverNote(String roleKey, String assignee);
}
