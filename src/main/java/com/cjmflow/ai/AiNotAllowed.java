package com.cjmflow.ai;

import com.cjmflow.platform.DomainException;

/** The caller's role does not allow this AI call for this order, manager or request (403). */
public class AiNotAllowed extends DomainException.NotAllowed {
  public AiNotAllowed(String detail) {
    super(detail);
  }
}
