/**
 * Domain events out and ERP events in. Out: the modules publish Spring application events (records in their top-level
 * packages); {@link com.cjmflow.events.DomainEventTranslator} turns each into a CloudEvents 1.0 row of
 * {@code crm_event_outbox} in the same transaction; the pull feed ({@code GET /api/v1/events}) and the Kafka relay
 * read that table. In: {@code POST /api/v1/integration/events} and the inbound Kafka topic, through one handler per
 * event type (sub-package {@code inbound}). Owns {@code crm_event_outbox}, {@code crm_event_sequence} and
 * {@code crm_inbound_events}.
 */
@OwnsTables({"crm_event_outbox", "crm_event_sequence", "crm_inbound_events"})
package com.cjmflow.events;

import com.cjmflow.platform.OwnsTables;
