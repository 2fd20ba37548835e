package com.cjmflow.platform;

/**
 * Published once the identity set-up of {@code security/roles.yaml} is in place on start-up (groups, grants, admin,
 * demo users): modules that keep groups of their own (holacracy's run-time roles) converge them after it.
 */
public record IdentityConverged() {}
