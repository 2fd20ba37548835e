package com.cjmflow.customers.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The user id of the caller, read from the HTTP Basic header that the API authentication filter has already
 * verified (the filter does not set {@code request.getRemoteUser()}).
 */
final class CallerIdentity {

  private static final String BASIC = "basic ";

  private CallerIdentity() {}

  /** The user id, or null when the request carries no readable Basic credentials. */
  static String of(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 ? decoded.substring(0, colon) : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
