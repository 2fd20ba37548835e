package com.cjmflow.backfill;

import com.cjmflow.platform.DomainException;

/** The file named as the legacy CRM database cannot be read as one. */
public class LegacySourceUnreadable extends DomainException.RuleViolation {

  public LegacySourceUnreadable(String message) {
    super(message);
  }
}
