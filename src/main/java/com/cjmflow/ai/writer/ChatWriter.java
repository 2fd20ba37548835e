package com.cjmflow.ai.writer;

import java.net.http.HttpTimeoutException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cjmflow.ai.AiProperties;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * The chat model, when one is configured ({@code cjm.ai.chat.base-url}: any OpenAI-compatible endpoint, Ollama's
 * included), through LangChain4j. Every prompt is masked here, the last place before it leaves the service. A
 * timeout or a provider error is reported as {@link Failure}: the caller answers with the local writer instead.
 */
@Component
public class ChatWriter {

  private static final Logger log = LoggerFactory.getLogger(ChatWriter.class);

  /** Why the chat model gave no answer: {@code timeout} or {@code error}. */
  public static class Failure extends RuntimeException {
    private final String reason;

    Failure(String reason, Throwable cause) {
      super(reason, cause);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  private final AiProperties properties;
  private final ChatModel model;

  public ChatWriter(AiProperties properties) {
    this.properties = properties;
    AiProperties.Chat chat = properties.chat();
    this.model = !chat.configured() ? null : OpenAiChatModel.builder().baseUrl(chat.baseUrl()).apiKey(chat.apiKey())
        .modelName(chat.model()).timeout(chat.timeout()).maxRetries(0).temperature(0.2).build();
  }

  public boolean configured() {
    return model != null;
  }

  /** {@code chat:<model>}: how answers of this writer say who wrote them. */
  public String generator() {
    return "chat:" + properties.chat().model();
  }

  /** The model's answer to the masked prompt; throws {@link Failure} on a timeout or any provider error. */
  public String complete(String system, String user) {
    if (model == null) {
      throw new Failure("not-configured", null);
    }
    boolean mask = properties.maskPersonalData();
    try {
      String text = model.chat(List.of(SystemMessage.from(Masking.mask(system, mask)),
          UserMessage.from(Masking.mask(user, mask)))).aiMessage().text();
      if (text == null || text.isBlank()) {
        throw new Failure("empty", null);
      }
      return text;
    } catch (Failure e) {
      throw e;
    } catch (RuntimeException e) {
      String reason = isTimeout(e) ? "timeout" : "error";
      log.warn("chat model {} failed ({}): {}", properties.chat().model(), reason, e.toString());
      throw new Failure(reason, e);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }
}
