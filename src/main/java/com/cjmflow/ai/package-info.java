/**
 * AI services for the head of sales and the managers (seed 004 §6): compose an e-mail, summarise a thread, the next
 * best actions and retrieval ({@code /ai/crm/*}), grounded in the live state the other modules keep; the lead, churn
 * and routing scores (decision tables over SQL features, written back through the customer reference); and the MCP
 * server through which an agent acts as head of sales (and raises tensions through the holacracy module). Retrieval
 * runs in-process (Lucene full-text with Russian and English analysers plus all-MiniLM-L6-v2 embeddings, fused by
 * their normalised scores) and follows the event feed. Owns {@code crm_ai_requests}: every AI call with its context,
 * answer, generator and feedback; implements the kpi module's {@code SuggestionAcceptance} port from it.
 */
@OwnsTables({"crm_ai_requests"})
package com.cjmflow.ai;

import com.cjmflow.platform.OwnsTables;
