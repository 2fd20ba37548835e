package com.cjmflow.customers;

import java.time.OffsetDateTime;

/** A customer got a new owning manager; {@code actingUser} made the change (null for the system). */
public record CustomerOwnerChanged(long customerId, String previousManagerId, String managerId, String actingUser,
    OffsetDateTime at) {}
