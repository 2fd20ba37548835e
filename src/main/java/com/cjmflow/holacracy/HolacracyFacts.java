package com.cjmflow.holacracy;

import com.cjmflow.platform.DomainException;

/** The facts the holacracy services report; the web edge turns them into RFC 9457 problems. */
public final class HolacracyFacts {

  private HolacracyFacts() {}

  /** No role with this id: 404. */
  public static class RoleNotFound extends DomainException.NotFound {
    public RoleNotFound(Object id) {
      super("Role", id);
    }
  }

  /** No circle with this id or key: 404. */
  public static class CircleNotFound extends DomainException.NotFound {
    public CircleNotFound(Object id) {
      super("Circle", id);
    }
  }

  /** No tension with this id: 404. */
  public static class TensionNotFound extends DomainException.NotFound {
    public TensionNotFound(long id) {
      super("Tension", id);
    }
  }

  /** No parking session with this id: 404. */
  public static class ParkingNotFound extends DomainException.NotFound {
    public ParkingNotFound(long id) {
      super("Parking session", id);
    }
  }

  /** No assignment with this id for the role: 404. */
  public static class AssignmentNotFound extends DomainException.NotFound {
    public AssignmentNotFound(long id) {
      super("Assignment", id);
    }
  }

  /** No user with this id: 404. */
  public static class MemberNotFound extends DomainException.NotFound {
    public MemberNotFound(String userId) {
      super("User", userId);
    }
  }

  /** The member fills the role already for part of the period: 409 with the assignment it overlaps. */
  public static class AssignmentOverlaps extends DomainException.StateConflict {
    public AssignmentOverlaps(String userId, String roleKey, long existingId) {
      super(userId + " fills " + roleKey + " already for part of that period (assignment " + existingId + ")");
      property("assignmentId", existingId);
    }
  }

  /** Ending the last cover of a role that has open tasks: 422 unless forced. */
  public static class LastCover extends DomainException.RuleViolation {
    public LastCover(String roleKey, long openTasks) {
      super("This is the last cover of " + roleKey + ", which has " + openTasks
          + " open task(s); assign someone else first or end it with force = true");
      property("openTasks", openTasks);
    }
  }

  /** Governance is for the circle's lead link and the process owner: 403. */
  public static class NotGovernor extends DomainException.NotAllowed {
    public NotGovernor(String circleKey) {
      super("Only the lead link of circle " + circleKey + " (or of a circle above it) and the process owner "
          + "change its roles and assignments");
    }
  }

  /** The change is not allowed from the current state: 409. */
  public static class StateChangeRefused extends DomainException.StateConflict {
    public StateChangeRefused(String detail) {
      super(detail);
    }
  }

  /** A rule of the layer refuses the request: 422. */
  public static class Refused extends DomainException.RuleViolation {
    public Refused(String detail) {
      super(detail);
    }
  }

  /** The caller may not change this: 403. */
  public static class NotYours extends DomainException.NotAllowed {
    public NotYours(String detail) {
      super(detail);
    }
  }
}
