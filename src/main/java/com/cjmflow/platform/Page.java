package com.cjmflow.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code page} is 0-based, {@code total} counts all items that match. */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** A page of a list held in memory. */
  public static <T> Page<T> of(List<T> all, int page, int size) {
    return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
  }

  /** The same page with each item turned into another (a row into what the API shows). */
  public <R> Page<R> map(Function<? super T, ? extends R> item) {
    return new Page<>(items.stream().<R>map(item).toList(), page, size, total);
  }
}
