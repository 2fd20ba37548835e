package com.cjmflow.control;

import java.util.List;

/** One page of a control list: 0-based page, its size and the total over all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {}
