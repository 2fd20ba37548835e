package com.cjmflow.platform;

import java.util.Optional;

/**
 * Resolves who owns the resource a path variable names, for endpoints that {@code security/roles.yaml} opens to a
 * role only for what is theirs ({@code own}). A module registers one bean per variable it owns (e.g.
 * {@code followupId}); {@code managerId} names its owner itself. Empty when the resource does not exist (the endpoint
 * then answers its own 404).
 */
public interface ResourceOwner {

  /** The path variable, e.g. {@code followupId}. */
  String variable();

  Optional<String> ownerOf(String value);
}
