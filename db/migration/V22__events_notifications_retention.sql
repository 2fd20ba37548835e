-- Retention of the two outboxes (README "Events", "Notifications"): the nightly housekeeping deletes, in batches,
-- the rows that are done and older than cjm.events.retention / cjm.notifications.retention. Portable between H2 and
-- PostgreSQL.

-- ---------------------------------------------------------------- events (owner: events)
-- The highest feed position deleted so far: a pull-feed cursor below it answers 410 Gone instead of skipping events.
alter table crm_event_sequence add column removed_through bigint not null default 0;
-- Each batch takes the oldest rows.
create index ix_event_outbox_created on crm_event_outbox (created_at);

-- ---------------------------------------------------------------- notifications (owner: notifications)
create index ix_notifications_created on crm_notifications (status, created_at);
