package com.cjmflow.cases;

import com.cjmflow.platform.DomainException;

/** No case with this id: 404. */
public class CaseNotFound extends DomainException.NotFound {

  public CaseNotFound(long caseId) {
    super("Case", caseId);
  }
}
