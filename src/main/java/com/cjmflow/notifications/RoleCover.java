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

  /**
   * A line for the mail when someone is absent ({@code language} {@code ru} or {@code en}): who and who stands in,
   * else empty.
   */
  Optional<String> coverNote(String roleKey, String assignee, String language);
}
