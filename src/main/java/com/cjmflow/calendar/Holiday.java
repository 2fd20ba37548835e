package com.cjmflow.calendar;

import java.time.LocalDate;

/** A day off with its English name (from jollyday or from the calendar's own extra days). */
public record Holiday(LocalDate date, String name) {}
