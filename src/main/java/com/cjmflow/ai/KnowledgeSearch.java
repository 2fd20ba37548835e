package com.cjmflow.ai;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import com.cjmflow.ai.retrieval.LiveIndex;
import com.cjmflow.ai.retrieval.Passage;
import com.cjmflow.ai.retrieval.SearchIndex;
import com.cjmflow.ai.writer.Masking;

/**
 * {@code POST /ai/crm/rag/search}: passages from touchpoints, interactions, case notes, follow-ups, journeys and the
 * knowledge base, each with its source, its score and its rank in the full-text and the embedding list.
 */
@Service
public class KnowledgeSearch {

  public static final String SERVICE = "rag-search";
  public static final Set<String> SOURCES = Set.of(Passage.TOUCHPOINT, Passage.INTERACTION, Passage.CASE,
      Passage.JOURNEY, Passage.FOLLOWUP, Passage.KNOWLEDGE);

  public record Request(String query, Long orderId, Long customerId, List<String> sources, String mode,
      Integer limit) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "RagPassage")
  public record Found(String id, String source, String title, String text, Long orderId, Long customerId,
      OffsetDateTime occurredAt, double score, Integer fullTextRank, Integer embeddingRank) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "RagSearchResponse")
  public record Response(String requestId, String generator, String mode, List<Found> passages) {}

  private final LiveIndex index;
  private final AiRequestLog log;
  private final AiProperties properties;
  private final Clock clock;

  KnowledgeSearch(LiveIndex index, AiRequestLog log, AiProperties properties, Clock clock) {
    this.index = index;
    this.log = log;
    this.properties = properties;
    this.clock = clock;
  }

  public Response search(Request request, String actorId, String channel) {
    long started = System.nanoTime();
    OffsetDateTime startedAt = OffsetDateTime.now(clock);
    SearchIndex.Mode mode = mode(request.mode());
    if (request.sources() != null && !SOURCES.containsAll(request.sources())) {
      throw new AiInvalid("sources must be among " + new java.util.TreeSet<>(SOURCES));
    }
    int limit = request.limit() == null ? 5 : request.limit();
    boolean mask = properties.maskPersonalData();
    List<Found> found = index.search(request.query(), new SearchIndex.Filter(request.sources(), request.orderId(),
        request.customerId()), mode, limit).stream().map(h -> new Found(h.passage().id(), h.passage().source(),
        h.passage().title(), Masking.mask(h.passage().text(), mask), h.passage().orderId(),
        h.passage().customerId(), h.passage().occurredAt(), Math.round(h.score() * 1e6) / 1e6,
        h.fullTextRank() == 0 ? null : h.fullTextRank(), h.embeddingRank() == 0 ? null : h.embeddingRank()))
        .toList();
    String generator = "retrieval:" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String requestId = log.record(new AiRequestLog.Entry(SERVICE, channel, actorId, request.orderId(),
        request.customerId(), generator, request, null, Map.of("passages", found.stream().map(Found::id).toList()),
        List.of(), found.stream().map(Found::id).toList(), request.query(), startedAt,
        (System.nanoTime() - started) / 1_000_000));
    return new Response(requestId, generator, mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), found);
  }

  static SearchIndex.Mode mode(String mode) {
    if (mode == null || mode.isBlank()) {
      return SearchIndex.Mode.FUSED;
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "fused" -> SearchIndex.Mode.FUSED;
      case "full-text", "fulltext" -> SearchIndex.Mode.FULL_TEXT;
      case "embeddings" -> SearchIndex.Mode.EMBEDDINGS;
      default -> throw new AiInvalid("mode must be fused, full-text or embeddings");
    };
  }
}
