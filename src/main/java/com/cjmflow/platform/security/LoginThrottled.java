package com.cjmflow.platform.security;

import org.springframework.security.core.AuthenticationException;

/** A login refused for now (429 with Retry-After): the user is in its growing delay, or the address is over its limit. */
class LoginThrottled extends AuthenticationException {

  private final long retryAfterSeconds;

  LoginThrottled(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
