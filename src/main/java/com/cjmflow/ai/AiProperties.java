package com.cjmflow.ai;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the AI services ({@code cjm.ai.*}, README "AI services").
 *
 * @param maskPersonalData phones and e-mail addresses are masked before text leaves the service (prompts to a chat
 *     model, passages and drafts in answers); the operator may turn it off
 * @param chat the OpenAI-compatible chat model; without {@code baseUrl} the local grounded writer answers
 * @param index how the retrieval index follows the event feed
 */
@ConfigurationProperties("cjm.ai")
public record AiProperties(@DefaultValue("true") boolean maskPersonalData, @DefaultValue Chat chat,
    @DefaultValue Index index) {

  /**
   * @param baseUrl e.g. {@code http://ollama:11434/v1} or an OpenAI-compatible gateway; empty = no chat model
   * @param apiKey the key sent as bearer token (Ollama ignores it)
   * @param model the model name
   * @param timeout past it the local writer answers instead
   */
  public record Chat(String baseUrl, @DefaultValue("none") String apiKey, @DefaultValue("gpt-4o-mini") String model,
      @DefaultValue("10s") Duration timeout) {
    public boolean configured() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }

  /**
   * @param pollInterval how often a node reads the event feed for passages to (re)index
   * @param maxPassagesPerOrder the newest passages of one order that are indexed
   */
  public record Index(@DefaultValue("2s") Duration pollInterval, @DefaultValue("200") int maxPassagesPerOrder) {}
}
