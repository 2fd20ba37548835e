package com.cjmflow.models;

import org.springframework.http.HttpStatus;

import com.cjmflow.platform.DomainException;

/** A process, decision or migration batch that does not exist: 404. */
public class ModelNotFound extends DomainException {
  public ModelNotFound(String what) {
    super(HttpStatus.NOT_FOUND, "not-found", what + " does not exist");
  }
}
