package com.cjmflow.ai.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One in-memory Lucene index holding both halves of retrieval: the passage text analysed twice (Russian and English
 * stemming, BM25) and its embedding (HNSW, cosine). Searches rank by full-text, by embeddings, or fused. The default
 * fusion is a convex combination of the two min-max normalised scores (embeddings weighted {@value #ALPHA}): unlike
 * reciprocal rank fusion (also available, k = 60) it does not let a long tail of weak keyword matches outvote a
 * strong semantic match; AiRetrievalQualityTest measures both. Thread-safe; updates are visible to the next search.
 */
public class SearchIndex implements AutoCloseable {

  /** How results are ranked. */
  public enum Mode { FUSED, FULL_TEXT, EMBEDDINGS }

  /** Optional filters (null = any). */
  public record Filter(Collection<String> sources, Long orderId, Long customerId) {
    public static final Filter NONE = new Filter(null, null, null);
  }

  /** A passage found, with its fused (or single-ranking) score and its rank in each list (0 = not in it). */
  public record Hit(Passage passage, double score, int fullTextRank, int embeddingRank) {}

  /** How the two rankings are fused. */
  public enum Fusion { CONVEX, RRF }

  private record Scored(Passage passage, double score) {}

  static final int RRF_K = 60;
  static final double ALPHA = 0.6;
  private static final int CANDIDATES = 50;
  private static final String ID = "id";
  private static final String SOURCE = "source";
  private static final String OWNER = "owner";
  private static final String ORDER = "order";
  private static final String CUSTOMER = "customer";
  private static final String RU = "text_ru";
  private static final String EN = "text_en";
  private static final String VECTOR = "vector";

  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Fusion fusion;

  public SearchIndex() {
    this(Fusion.CONVEX);
  }

  public SearchIndex(Fusion fusion) {
    this.fusion = fusion;
    Map<String, Analyzer> fields = new HashMap<>();
    fields.put(RU, new RussianAnalyzer());
    fields.put(EN, new EnglishAnalyzer());
    analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), fields);
    try {
      writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces everything indexed for these owners by the passages (embedded here, in batches). */
  public void replace(Collection<String> owners, List<Passage> passages) {
    List<float[]> vectors = Embeddings.embedAll(passages.stream().map(Passage::content).toList());
    try {
      for (String owner : owners) {
        writer.deleteDocuments(new Term(OWNER, owner));
      }
      for (int i = 0; i < passages.size(); i++) {
        writer.addDocument(document(passages.get(i), vectors.get(i)));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Hit> search(String text, Filter filter, Mode mode, int limit) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Query restriction = restriction(filter);
        List<Scored> fullText = mode == Mode.EMBEDDINGS ? List.of() : fullText(searcher, text, restriction);
        List<Scored> semantic = mode == Mode.FULL_TEXT ? List.of() : semantic(searcher, text, restriction);
        return fuse(fullText, semantic, limit, fusion);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fuses the two lists (either may be empty: then it is that list's own order). */
  private static List<Hit> fuse(List<Scored> fullText, List<Scored> semantic, int limit, Fusion fusion) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    Map<String, Passage> passages = new HashMap<>();
    Map<String, int[]> ranks = new HashMap<>();
    for (int list = 0; list < 2; list++) {
      List<Scored> ranking = list == 0 ? fullText : semantic;
      double weight = fullText.isEmpty() || semantic.isEmpty() ? 1 : list == 0 ? 1 - ALPHA : ALPHA;
      double max = ranking.isEmpty() ? 0 : ranking.get(0).score();
      double min = ranking.isEmpty() ? 0 : ranking.get(ranking.size() - 1).score();
      for (int rank = 0; rank < ranking.size(); rank++) {
        Passage passage = ranking.get(rank).passage();
        passages.putIfAbsent(passage.id(), passage);
        double normalised = max == min ? 1 : (ranking.get(rank).score() - min) / (max - min);
        scores.computeIfAbsent(passage.id(), id -> new double[1])[0] += fusion == Fusion.RRF
            ? 1.0 / (RRF_K + rank + 1) : weight * normalised;
        ranks.computeIfAbsent(passage.id(), id -> new int[2])[list] = rank + 1;
      }
    }
    return scores.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .limit(limit)
        .map(e -> new Hit(passages.get(e.getKey()), e.getValue()[0], ranks.get(e.getKey())[0],
            ranks.get(e.getKey())[1]))
        .toList();
  }

  private List<Scored> fullText(IndexSearcher searcher, String text, Query restriction) throws IOException {
    Query query;
    try {
      query = new MultiFieldQueryParser(new String[] {RU, EN}, analyzer).parse(QueryParser.escape(text));
    } catch (ParseException | IllegalArgumentException e) {
      return List.of();
    }
    Query combined = new BooleanQuery.Builder().add(query, Occur.MUST).add(restriction, Occur.FILTER).build();
    return passages(searcher, searcher.search(combined, CANDIDATES).scoreDocs);
  }

  private List<Scored> semantic(IndexSearcher searcher, String text, Query restriction) throws IOException {
    if (text.isBlank()) {
      return List.of();
    }
    Query query = new KnnFloatVectorQuery(VECTOR, Embeddings.embed(text), CANDIDATES, restriction);
    return passages(searcher, searcher.search(query, CANDIDATES).scoreDocs);
  }

  private static List<Scored> passages(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
    List<Scored> result = new ArrayList<>(docs.length);
    for (ScoreDoc doc : docs) {
      result.add(new Scored(passage(searcher.storedFields().document(doc.doc)), doc.score));
    }
    return result;
  }

  private static Query restriction(Filter filter) {
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
    if (filter.sources() != null && !filter.sources().isEmpty()) {
      BooleanQuery.Builder sources = new BooleanQuery.Builder();
      filter.sources().forEach(source -> sources.add(new TermQuery(new Term(SOURCE, source)), Occur.SHOULD));
      query.add(sources.build(), Occur.FILTER);
    }
    if (filter.orderId() != null) {
      query.add(new TermQuery(new Term(ORDER, filter.orderId().toString())), Occur.FILTER);
    }
    if (filter.customerId() != null) {
      query.add(new TermQuery(new Term(CUSTOMER, filter.customerId().toString())), Occur.FILTER);
    }
    return query.build();
  }

  private static Document document(Passage passage, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(ID, passage.id(), Field.Store.YES));
    doc.add(new StringField(SOURCE, passage.source(), Field.Store.YES));
    doc.add(new StringField(OWNER, passage.owner(), Field.Store.YES));
    if (passage.orderId() != null) {
      doc.add(new StringField(ORDER, passage.orderId().toString(), Field.Store.YES));
    }
    if (passage.customerId() != null) {
      doc.add(new StringField(CUSTOMER, passage.customerId().toString(), Field.Store.YES));
    }
    doc.add(new TextField(RU, passage.content(), Field.Store.NO));
    doc.add(new TextField(EN, passage.content(), Field.Store.NO));
    doc.add(new StoredField("title", passage.title() == null ? "" : passage.title()));
    doc.add(new StoredField("text", passage.text()));
    if (passage.occurredAt() != null) {
      doc.add(new StoredField("occurredAt", passage.occurredAt().toString()));
    }
    doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
    return doc;
  }

  private static Passage passage(Document doc) {
    String order = doc.get(ORDER);
    String customer = doc.get(CUSTOMER);
    String occurred = doc.get("occurredAt");
    String title = doc.get("title");
    return new Passage(doc.get(ID), doc.get(SOURCE), doc.get(OWNER), order == null ? null : Long.valueOf(order),
        customer == null ? null : Long.valueOf(customer), title == null || title.isEmpty() ? null : title,
        doc.get("text"), occurred == null ? null : OffsetDateTime.parse(occurred));
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
