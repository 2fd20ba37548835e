package com.cjmflow.models;

import org.springframework.http.HttpStatus;

import com.cjmflow.platform.DomainException;

/** An uploaded candidate table or a workbench request that cannot be used as it is: 400. */
public class CandidateInvalid extends DomainException {
  public CandidateInvalid(String detail) {
    super(HttpStatus.BAD_REQUEST, "invalid-request", detail);
  }
}
