package com.cjmflow.ai;

import com.cjmflow.platform.DomainException;

/** A field of an AI request has a value the service does not know (400 {@code invalid-request}). */
public class AiInvalid extends DomainException.Invalid {
  public AiInvalid(String detail) {
    super("invalid-request", detail);
  }
}
