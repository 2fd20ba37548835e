package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cache's own rules: password bound, bounded in time and size, no login kept across an identity write. */
class LoginCacheTest {

  private static LoginCache cache(Duration ttl, int size) {
    return new LoginCache(new LoginProperties(30, Duration.ofMinutes(10), ttl, size));
  }

  @Test
  void aLoginIsFoundOnlyWithItsPassword() {
    LoginCache cache = cache(Duration.ofMinutes(1), 10);
    cache.put("anna", "secret", List.of("sales-managers"), List.of(), cache.generation());
    assertThat(cache.find("anna", "secret").orElseThrow().groups()).containsExactly("sales-managers");
    assertThat(cache.find("anna", "Secret")).isEmpty();
    assertThat(cache.find("boris", "secret")).isEmpty();
  }

  @Test
  void aLoginReadBeforeAnIdentityWriteIsNotKept() {
    LoginCache cache = cache(Duration.ofMinutes(1), 10);
    long readAt = cache.generation();
    cache.invalidateAll(); // e.g. a membership removed while the engine read the groups
    cache.put("anna", "secret", List.of("sales-managers"), List.of(), readAt);
    assertThat(cache.find("anna", "secret")).isEmpty();
  }

  @Test
  void aWriteAboutOneUserForgetsOnlyThatUser() {
    LoginCache cache = cache(Duration.ofMinutes(1), 10);
    cache.put("anna", "secret", List.of(), List.of(), cache.generation());
    cache.put("boris", "secret", List.of(), List.of(), cache.generation());
    long readAt = cache.generation();
    cache.invalidate("Anna");
    assertThat(cache.find("anna", "secret")).isEmpty();
    assertThat(cache.find("boris", "secret")).isPresent();
    cache.put("vera", "secret", List.of(), List.of(), readAt); // read while the write was under way
    assertThat(cache.find("vera", "secret")).isEmpty();
  }

  @Test
  void anEntryExpires() {
    LoginCache cache = cache(Duration.ofNanos(1), 10);
    cache.put("anna", "secret", List.of(), List.of(), cache.generation());
    assertThat(cache.find("anna", "secret")).isEmpty();
  }

  @Test
  void aZeroTtlTurnsTheCacheOff() {
    LoginCache cache = cache(Duration.ZERO, 10);
    cache.put("anna", "secret", List.of(), List.of(), cache.generation());
    assertThat(cache.find("anna", "secret")).isEmpty();
  }

  @Test
  void itHoldsAtMostItsSize() {
    LoginCache cache = cache(Duration.ofMinutes(1), 2);
    for (String user : List.of("a", "b", "c")) {
      cache.put(user, "p", List.of(), List.of(), cache.generation());
    }
    long held = List.of("a", "b", "c").stream().filter(u -> cache.find(u, "p").isPresent()).count();
    assertThat(held).isBetween(1L, 2L);
    assertThat(cache.find("c", "p")).isPresent();
  }
}
