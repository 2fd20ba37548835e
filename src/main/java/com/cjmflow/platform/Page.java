package com.cjmflow.platform;

import java.util.List;

/** One page of a list: {@code page} is 0-based, {@code total} counts all items that match. */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** A page of a list held in memory. */
  public static <T> Page<T> of(List<T> all, int page, int size) {
    return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
  }
}
