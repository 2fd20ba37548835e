package com.cjmflow.ai;

import com.cjmflow.platform.DomainException;

/** The order, customer, thread or AI request named in the call does not exist (404). */
public class AiNotFound extends DomainException.NotFound {
  public AiNotFound(String what, Object id) {
    super(what, id);
  }
}
