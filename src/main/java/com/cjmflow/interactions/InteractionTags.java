package com.cjmflow.interactions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.DomainException;

/** Tags on interactions ({@code crm_interaction_tags}, owned here): added once each, never removed by a repeat. */
@Service
public class InteractionTags {

  private final Interactions interactions;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  InteractionTags(Interactions interactions, JdbcClient jdbc, ApplicationEventPublisher events) {
    this.interactions = interactions;
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Adds the tags the interaction lacks and answers all its tags; 404 for an unknown interaction. */
  @Transactional
  public List<String> tag(long interactionId, List<String> tags, String by) {
    Interactions.Interaction interaction = interactions.find(interactionId)
        .orElseThrow(() -> new DomainException.NotFound("Interaction", interactionId));
    jdbc.sql("select id from crm_touchpoints where id = :id for update").param("id", interactionId)
        .query(Long.class).list();
    List<String> present = tags(interactionId);
    List<String> added = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (String tag : tags.stream().distinct().toList()) {
      if (!present.contains(tag)) {
        jdbc.sql("""
            insert into crm_interaction_tags (touchpoint_id, tag, tagged_by, tagged_at) values (:id, :tag, :by, :at)""")
            .param("id", interactionId).param("tag", tag).param("by", by).param("at", now).update();
        added.add(tag);
      }
    }
    List<String> all = tags(interactionId);
    if (!added.isEmpty()) {
      events.publishEvent(new InteractionTagged(interactionId, interaction.customerId(), interaction.orderId(),
          added, all, by, now));
    }
    return all;
  }

  public List<String> tags(long interactionId) {
    return jdbc.sql("select tag from crm_interaction_tags where touchpoint_id = :id order by tag")
        .param("id", interactionId).query(String.class).list();
  }
}
