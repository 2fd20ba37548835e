package com.cjmflow.cases;

import com.cjmflow.platform.DomainException;

/** Four eyes: whoever requested a case cannot approve or reject it (403). */
public class FourEyesRefused extends DomainException.NotAllowed {

  public FourEyesRefused(Object caseId, String userId) {
    super("Case " + caseId + " was requested by " + userId + "; another person with the approver role decides it");
    property("caseId", caseId);
  }
}
