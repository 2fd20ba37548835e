/**
 * The nightly housekeeping (README "Events", "Notifications"): on one node, under a cluster lock, it asks the
 * modules that own the two outboxes to delete what is past its retention ({@code events.EventRetention},
 * {@code notifications.NotificationRetention}). Writes no table of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Housekeeping")
package com.cjmflow.housekeeping;
