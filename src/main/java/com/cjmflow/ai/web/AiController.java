package com.cjmflow.ai.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.cjmflow.ai.AiAcceptance;
import com.cjmflow.ai.AiCaller;
import com.cjmflow.ai.AiRequestLog;
import com.cjmflow.ai.EmailComposer;
import com.cjmflow.ai.KnowledgeSearch;
import com.cjmflow.ai.NextBestActions;
import com.cjmflow.ai.ThreadSummarizer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The AI services of seed 004 §6. Every answer is grounded in the live state, says which generator produced it and
 * carries the id of its log entry, on which the manager reports whether it was used.
 */
@RestController
@RequestMapping("/ai/crm")
@Tag(name = "AI services", description = "Drafts, summaries, next best actions and retrieval, grounded in live state")
class AiController {

  private static final String LANGUAGE = "ru|en";

  @Schema(name = "ComposeEmailRequest")
  record ComposeRequest(@Positive Long orderId, @Positive Long customerId,
      @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z_ -]+") String intent,
      @Pattern(regexp = LANGUAGE) String language) {
    @AssertTrue(message = "orderId or customerId is required")
    boolean isAbout() {
      return orderId != null || customerId != null;
    }
  }

  @Schema(name = "SummarizeThreadRequest")
  record SummarizeRequest(@Positive Long orderId, @Positive Long customerId, @Positive Long interactionId,
      @Pattern(regexp = LANGUAGE) String language) {
    @AssertTrue(message = "one of orderId, customerId, interactionId is required")
    boolean isAbout() {
      return orderId != null || customerId != null || interactionId != null;
    }
  }

  @Schema(name = "NextBestActionsRequest")
  record ActionsRequest(@Size(max = 64) String managerId, @Positive Long orderId, @Positive Long customerId,
      @Min(1) @Max(50) Integer limit) {}

  @Schema(name = "RagSearchRequest")
  record SearchRequest(@NotBlank @Size(max = 500) String query, @Positive Long orderId, @Positive Long customerId,
      @Size(max = 6) List<@Pattern(regexp = "[a-z]{1,20}") String> sources,
      @Pattern(regexp = "fused|full-text|embeddings") String mode, @Min(1) @Max(50) Integer limit) {}

  @Schema(name = "AiFeedbackRequest")
  record FeedbackRequest(@NotBlank @Pattern(regexp = "used|dismissed") String feedback,
      @Size(max = 2000) String note) {}

  @Schema(name = "AiFeedback")
  record FeedbackResponse(String requestId, String service, String feedback) {}

  private final EmailComposer composer;
  private final ThreadSummarizer summarizer;
  private final NextBestActions actions;
  private final KnowledgeSearch search;
  private final AiRequestLog log;
  private final AiAcceptance acceptance;
  private final AiCaller caller;

  AiController(EmailComposer composer, ThreadSummarizer summarizer, NextBestActions actions, KnowledgeSearch search,
      AiRequestLog log, AiAcceptance acceptance, AiCaller caller) {
    this.composer = composer;
    this.summarizer = summarizer;
    this.actions = actions;
    this.search = search;
    this.log = log;
    this.acceptance = acceptance;
    this.caller = caller;
  }

  @PostMapping("/compose-email")
  @Operation(summary = "Draft an e-mail for an order or customer and an intent (payment_reminder, "
      + "check_report_ready, delay_apology, inspection_report_ready, status_update), in the customer's language",
      responses = {
          @ApiResponse(responseCode = "200", description = "The draft with the facts it used and its generator",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "400", description = "Unknown intent or language, or neither order nor "
              + "customer"),
          @ApiResponse(responseCode = "404", description = "The order or customer does not exist"),
          @ApiResponse(responseCode = "422", description = "The order belongs to another customer")})
  EmailComposer.Response compose(@Valid @RequestBody ComposeRequest request) {
    return composer.compose(new EmailComposer.Request(request.orderId(), request.customerId(), request.intent(),
        request.language()), caller.id(), AiCaller.REST);
  }

  @PostMapping("/summarize-thread")
  @Operation(summary = "Summarise the contacts of an order, a customer or an interaction's thread: summary, open "
      + "questions, promised next steps, with links to the interactions",
      responses = {
          @ApiResponse(responseCode = "200", description = "The summary", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "400", description = "Nothing named to summarise"),
          @ApiResponse(responseCode = "404", description = "The order, customer or interaction does not exist")})
  ThreadSummarizer.Response summarize(@Valid @RequestBody SummarizeRequest request) {
    return summarizer.summarize(new ThreadSummarizer.Request(request.orderId(), request.customerId(),
        request.interactionId(), request.language()), caller.id(), AiCaller.REST);
  }

  @PostMapping("/next-best-actions")
  @Operation(summary = "Ranked next best actions from live state (reply windows, stage tasks, late clients and "
      + "outside parties, cases, follow-ups, stalled orders), ranked by the next-best-actions decision table",
      responses = {
          @ApiResponse(responseCode = "200", description = "The actions, highest priority first",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "A sales manager asks for another manager's actions"),
          @ApiResponse(responseCode = "404", description = "The order or customer does not exist")})
  NextBestActions.Response nextBestActions(@Valid @RequestBody ActionsRequest request) {
    String manager = request.managerId();
    if (request.orderId() == null && request.customerId() == null) {
      manager = caller.visibleManager(manager);
      manager = manager == null ? caller.id() : manager;
    } else if (manager != null) {
      caller.visibleManager(manager);
    }
    return actions.rank(new NextBestActions.Request(manager, request.orderId(), request.customerId(),
        request.limit()), caller.id(), AiCaller.REST);
  }

  @PostMapping("/rag/search")
  @Operation(summary = "Search touchpoints, interactions, case notes, follow-ups, journeys and the knowledge base "
      + "(full-text and embeddings, fused by their normalised scores); each passage with its source and score",
      responses = {
          @ApiResponse(responseCode = "200", description = "The passages, best first", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "400", description = "No query, an unknown source or mode")})
  KnowledgeSearch.Response rag(@Valid @RequestBody SearchRequest request) {
    return search.search(new KnowledgeSearch.Request(request.query(), request.orderId(), request.customerId(),
        request.sources(), request.mode(), request.limit()), caller.id(), AiCaller.REST);
  }

  @PostMapping("/requests/{id}/feedback")
  @Operation(summary = "Say whether the draft, summary or action of an AI answer was used or dismissed (once)",
      responses = {
          @ApiResponse(responseCode = "200", description = "Recorded", useReturnTypeSchema = true),
          @ApiResponse(responseCode = "403", description = "Another manager's AI request"),
          @ApiResponse(responseCode = "404", description = "No AI request with this id"),
          @ApiResponse(responseCode = "409", description = "Feedback was given already")})
  FeedbackResponse feedback(@PathVariable("id") @Parameter(description = "The requestId of the AI answer")
      @Pattern(regexp = "[0-9a-f-]{36}") String requestId, @Valid @RequestBody FeedbackRequest request) {
    AiRequestLog.Stored stored = log.feedback(requestId, request.feedback(), request.note(), caller.id(),
        caller.readsAll());
    return new FeedbackResponse(stored.requestId(), stored.service(), stored.feedback());
  }

  @GetMapping("/kpi/acceptance")
  @Operation(summary = "Acceptance rate of the AI answers per manager and service in a period (used / (used + "
      + "dismissed))", responses = {
          @ApiResponse(responseCode = "200", description = "One row per manager and service",
              useReturnTypeSchema = true),
          @ApiResponse(responseCode = "400", description = "from is after to")})
  List<AiAcceptance.Row> acceptance(@RequestParam(required = false) @Size(max = 64)
      @Parameter(description = "Only this manager's") String managerId,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
      @Parameter(description = "First day of the period (ISO date)") LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
      @Parameter(description = "Last day of the period, inclusive (ISO date)") LocalDate to) {
    if (from.isAfter(to)) {
      throw new com.cjmflow.ai.AiInvalid("from must not be after to");
    }
    return acceptance.between(managerId, from, to.plusDays(1));
  }
}
