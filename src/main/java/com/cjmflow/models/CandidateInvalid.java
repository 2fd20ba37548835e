package com.cjmflow.models;

/** An uploaded candidate table or a backtest request that cannot be used as it is. */
public class CandidateInvalid extends RuntimeException {
  public CandidateInvalid(String detail) {
    super(detail);
  }
}
