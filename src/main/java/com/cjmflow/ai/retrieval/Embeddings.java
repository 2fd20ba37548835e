package com.cjmflow.ai.retrieval;

import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings from the quantised all-MiniLM-L6-v2 (384 dimensions), whose ONNX model ships inside its Maven
 * artifact: nothing is downloaded. Loading it costs about a second, so it is loaded once per JVM, on first use
 * (class-holder idiom), and shared by every index.
 */
public final class Embeddings {

  public static final int DIMENSION = 384;
  private static final int BATCH = 64;

  private Embeddings() {}

  private static final class Holder {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
  }

  public static float[] embed(String text) {
    return Holder.MODEL.embed(text).content().vector();
  }

  public static List<float[]> embedAll(List<String> texts) {
    java.util.ArrayList<float[]> vectors = new java.util.ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
          .map(TextSegment::from).toList();
      for (Embedding embedding : Holder.MODEL.embedAll(batch).content()) {
        vectors.add(embedding.vector());
      }
    }
    return vectors;
  }
}
