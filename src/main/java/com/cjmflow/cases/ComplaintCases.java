package com.cjmflow.cases;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.CurrentUser;
import com.cjmflow.platform.DomainException;
import com.cjmflow.touchpoints.TouchpointEvents;

/**
 * A client's complaint opens an order case by itself: an inbound contact marked as a complaint
 * ({@code complaintKind}, from the touchpoint API or the interaction layer) starts a case of that kind on its order,
 * origin {@code complaint}, linked to the complaint. In the contact's transaction: an unknown kind or a complaint
 * without an order refuses the contact too (422), and the same complaint never opens a second case.
 */
@Component
class ComplaintCases {

  private final OrderCases cases;
  private final CurrentUser currentUser;

  ComplaintCases(OrderCases cases, CurrentUser currentUser) {
    this.cases = cases;
    this.currentUser = currentUser;
  }

  @EventListener
  void complaintReceived(TouchpointEvents.ComplaintReceived complaint) {
    if (complaint.orderId() == null) {
      throw new DomainException.RuleViolation("A complaint names the order it is about");
    }
    if (cases.ofComplaint(complaint.touchpointId()).isPresent()) {
      return;
    }
    String reason = complaint.summary() != null ? complaint.summary() : complaint.subject();
    cases.open(new OrderCases.Opening(complaint.orderId(), complaint.kind(), null, null, null, reason, null,
        OrderCases.COMPLAINT, complaint.touchpointId()), currentUser.id().orElse(null));
  }
}
