package com.cjmflow.ai.writer;

import java.util.List;

/** A written e-mail: subject and body, the facts it used (by name) and which generator wrote it. */
public record Draft(String subject, String body, List<String> factsUsed, String generator) {}
