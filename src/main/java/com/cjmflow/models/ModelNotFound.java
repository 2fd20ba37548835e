package com.cjmflow.models;

/** A process, decision or migration batch that does not exist. */
public class ModelNotFound extends RuntimeException {
  public ModelNotFound(String what) {
    super(what + " does not exist");
  }
}
