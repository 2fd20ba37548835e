package com.cjmflow.customers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The canonical customer reference of seed 004 §4 ({@code schemas/customer_reference.schema.json}) and the scores
 * analytics writes back ({@code customer_scores}, every write kept with its time and source; the newest per kind
 * counts). {@code customer_id} is a name-based UUID of the internal id: the same on every node and after every
 * restart, with no column to keep in step.
 */
@Service
public class CustomerReference {

  public static final List<String> SCORE_KINDS = List.of("lead", "churn", "risk");
  private static final String UUID_NAMESPACE = "cjm-flow:customer:";

  @Schema(name = "ReferenceExternalId")
  public record ExternalId(String system, String value) {}

  public record Score(BigDecimal score, String source, @JsonProperty("scored_at") OffsetDateTime scoredAt) {}

  /** The reference shape (snake_case as the schema has it), with our id and the current scores next to it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reference(@JsonProperty("customer_id") UUID customerId, @JsonProperty("internal_id") long internalId,
      @JsonProperty("external_ids") List<ExternalId> externalIds, String type,
      @JsonProperty("display_name") String displayName, String status,
      @JsonProperty("master_domain_owner") String masterDomainOwner, Map<String, Score> scores,
      @JsonProperty("blacklisted_at") OffsetDateTime blacklistedAt) {}

  /** Scores to write (null = leave as it is), from one source at one time. */
  public record NewScores(BigDecimal lead, BigDecimal churn, BigDecimal risk, String source,
      OffsetDateTime scoredAt) {}

  /** A stored score of one kind; the newest per kind is read last. */
  private record StoredScore(String scoreKind, BigDecimal score, String source, OffsetDateTime scoredAt) {}

  /** The columns of {@code customers} the reference shows. */
  private record CustomerRow(String type, String displayName, String status, String masterDomainOwner,
      OffsetDateTime blacklistedAt) {}

  private final JdbcClient jdbc;
  private final CustomerRows rows;

  CustomerReference(JdbcClient jdbc, CustomerRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  public static UUID customerUuid(long internalId) {
    return UUID.nameUUIDFromBytes((UUID_NAMESPACE + internalId).getBytes(StandardCharsets.UTF_8));
  }

  public Optional<Reference> find(long id) {
    List<ExternalId> externalIds = rows.externalIds(id, ExternalId.class);
    Map<String, Score> scores = new LinkedHashMap<>();
    jdbc.sql("""
        select s.score_kind, s.score, s.source, s.scored_at from customer_scores s
        where s.customer_id = :id order by s.score_kind, s.scored_at, s.id""").param("id", id)
        .query(StoredScore.class).list()
        .forEach(s -> scores.put(s.scoreKind(), new Score(s.score(), s.source(), s.scoredAt())));
    return jdbc.sql("""
        select type, display_name, status, master_domain_owner, blacklisted_at from customers where id = :id""")
        .param("id", id).query(CustomerRow.class).optional()
        .map(c -> new Reference(customerUuid(id), id, externalIds, c.type(), c.displayName(), reference(c.status()),
            c.masterDomainOwner(), scores, c.blacklistedAt()));
  }

  /** Stores each given score; 404 for an unknown customer. */
  @Transactional
  public Reference writeScores(long id, NewScores scores) {
    if (jdbc.sql("select count(*) from customers where id = :id").param("id", id).query(Long.class).single() == 0) {
      throw new CustomerNotFound(id);
    }
    OffsetDateTime recorded = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime scoredAt = scores.scoredAt() == null ? recorded : scores.scoredAt();
    Map<String, BigDecimal> given = new LinkedHashMap<>();
    given.put("lead", scores.lead());
    given.put("churn", scores.churn());
    given.put("risk", scores.risk());
    given.forEach((kind, score) -> {
      if (score != null) {
        jdbc.sql("""
            insert into customer_scores (customer_id, score_kind, score, source, scored_at, recorded_at)
            values (:id, :kind, :score, :source, :scoredAt, :recordedAt)""")
            .param("id", id).param("kind", kind).param("score", score).param("source", scores.source())
            .param("scoredAt", scoredAt).param("recordedAt", recorded).update();
      }
    });
    return find(id).orElseThrow();
  }

  /** Our statuses in the reference's terms (active | prospect | former); anything else reads as active. */
  private static String reference(String status) {
    return List.of("active", "prospect", "former").contains(status) ? status : "active";
  }
}
