package com.cjmflow.ai;

import com.cjmflow.platform.DomainException;

/** A well-formed AI request that cannot be answered as asked (422), e.g. an order of another customer. */
public class AiRuleViolation extends DomainException.RuleViolation {
  public AiRuleViolation(String detail) {
    super(detail);
  }
}
