package com.cjmflow.events;

import java.time.OffsetDateTime;

/**
 * A domain event of a module the events module cannot depend on because that module reads the feed itself (the AI
 * services follow the feed to keep their index current). Published as a Spring application event in the
 * transaction of the change; it becomes a CloudEvents row of the outbox like every other event. {@code type} must
 * have a data schema ({@code events/schemas/<type>.schema.json}); {@code subject} is {@code <aggregate>/<id>}.
 */
public record PublishedEvent(String type, String subject, OffsetDateTime time, Object data) {}
