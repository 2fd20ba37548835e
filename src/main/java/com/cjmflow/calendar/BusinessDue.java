package com.cjmflow.calendar;

import java.time.Instant;

/** A due date and how it came about, e.g. "8 business hours in seller-DE (…), skips 2026-12-25 …". */
public record BusinessDue(Instant dueAt, String explanation) {}
