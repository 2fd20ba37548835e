package com.cjmflow.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.cjmflow.ai.retrieval.Embeddings;
import com.cjmflow.ai.retrieval.Passage;
import com.cjmflow.ai.retrieval.SearchIndex;

/**
 * Retrieval at scale (README "Benchmarks"): builds the in-process index (Lucene full-text + MiniLM embeddings in
 * HNSW) over N generated contact notes in Russian and English ({@code -Dretrieval.benchmark.passages}, default
 * 100,000), then times Q searches ({@code -Dretrieval.benchmark.queries}, default 300) per ranking: p50 and p99
 * latency, and the build time split into embedding and indexing.
 */
@Tag("benchmark")
class RetrievalBenchmark {

  private static final String[] NAMES = {"Иван", "Ольга", "Сергей", "Мария", "Mark", "Julia", "Peter", "Laura"};
  private static final String[] BIKES = {"Canyon Ultimate", "Trek Domane", "Specialized Tarmac", "Cube Attain",
      "Giant TCR", "Scott Addict", "Orbea Orca", "Bianchi Oltre"};
  private static final String[] NOTES = {
      "Клиент %s спрашивает о сроках доставки %s по заказу web-%d.",
      "Продавец прислал фотографии рамы %s, заказ web-%d, клиент %s ждёт отчёт.",
      "%s paid the reserve for the %s, order web-%d; the invoice was sent.",
      "The expert found worn brake pads on the %s of %s (order web-%d).",
      "Склад переупаковал %s для клиента %s, заказ web-%d отправлен в Россию.",
      "%s asked to postpone the delivery of the %s, order web-%d, until next week."};
  private static final String[] QUERIES = {"сроки доставки велосипеда", "worn brakes found by the expert",
      "фотографии рамы от продавца", "postpone delivery", "оплата резерва счёт", "repacked and shipped to Russia"};

  @Test
  void buildAndSearch() {
    int n = Integer.getInteger("retrieval.benchmark.passages", 100_000);
    int q = Integer.getInteger("retrieval.benchmark.queries", 300);
    Random random = new Random(15);
    List<Passage> passages = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String template = NOTES[i % NOTES.length];
      String name = NAMES[random.nextInt(NAMES.length)];
      String bike = BIKES[random.nextInt(BIKES.length)];
      int order = 100_000 + i;
      String text = switch (i % NOTES.length) {
        case 0, 5 -> String.format(template, name, bike, order);
        case 1 -> String.format(template, bike, order, name);
        case 2 -> String.format(template, name, bike, order);
        case 3 -> String.format(template, bike, name, order);
        default -> String.format(template, bike, name, order);
      };
      passages.add(new Passage("bench:" + i, Passage.TOUCHPOINT, "orders/" + (i / 10), (long) (i / 10),
          (long) (i / 30), null, text, null));
    }
    Embeddings.embed("warm-up");

    long started = System.nanoTime();
    try (SearchIndex index = new SearchIndex()) {
      for (int from = 0; from < n; from += 1_000) {
        List<Passage> batch = passages.subList(from, Math.min(n, from + 1_000));
        index.replace(batch.stream().map(Passage::owner).distinct().toList(), batch);
      }
      double buildSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("retrieval index: %,d passages built in %.1f s (%.0f passages/s)%n", index.size(),
          buildSeconds, n / buildSeconds);
      for (SearchIndex.Mode mode : SearchIndex.Mode.values()) {
        long[] micros = new long[q];
        for (int i = 0; i < q; i++) {
          String query = i % 3 == 0 ? "web-" + (100_000 + random.nextInt(n)) : QUERIES[i % QUERIES.length];
          long t = System.nanoTime();
          index.search(query, SearchIndex.Filter.NONE, mode, 5);
          micros[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("retrieval %s over %,d passages: p50 %.1f ms, p99 %.1f ms (%d queries)%n", mode, n,
            micros[q / 2] / 1000.0, micros[(int) Math.ceil(q * 0.99) - 1] / 1000.0, q);
      }
    }
  }
}
