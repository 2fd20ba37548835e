package com.cjmflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Verified logins reused for a few seconds (as Spring Security's {@code UserCache}), so a burst of API calls does not
 * read the user, its groups and its tenants on every request. Key: the user id; value: an HMAC of the presented
 * password under a key made at start (never stored elsewhere) and the groups and tenants the engine found.
 * <ul>
 * <li>Bounded: an entry lives {@code cjm.security.login.cache-ttl} (real time, not the engine clock; default 5 s),
 * at most {@code cache-size} users.</li>
 * <li>Any identity write on this node ({@link IdentityChangePlugin}) forgets the logins it may change — a user's
 * password, membership, tenant membership, unlock or deletion that user's, a group's or tenant's change all of them —
 * when the write is made and again when its transaction commits; a login read while any write was under way is not
 * kept ({@link #generation}).</li>
 * <li>A failed password forgets the user, so the engine's throttle answers that user's next login.</li>
 * </ul>
 * Another node sees a change made here after at most the TTL.
 */
@Component
class LoginCache {

  /** What a successful login found; {@code credential} is the HMAC of user and password. */
  private record Entry(byte[] credential, List<String> groups, List<String> tenants, long expiresAtNanos) {}

  /** The groups (with template authorities) and tenants of a login the cache still holds. */
  record Known(List<String> groups, List<String> tenants) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final int maxEntries;
  private final SecretKeySpec key;

  LoginCache(LoginProperties settings) {
    this.ttlNanos = settings.cacheTtl().toNanos();
    this.maxEntries = settings.cacheSize();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Changes with every invalidation; read it before asking the engine and pass it to {@link #put}. */
  long generation() {
    return generation.get();
  }

  /** The login of this user with this password, if verified within the TTL and nothing changed since. */
  Optional<Known> find(String userId, String password) {
    if (ttlNanos <= 0 || userId == null || password == null) {
      return Optional.empty();
    }
    Entry entry = entries.get(userId);
    if (entry == null) {
      return Optional.empty();
    }
    if (System.nanoTime() - entry.expiresAtNanos() >= 0) {
      entries.remove(userId, entry);
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(entry.credential(), credential(userId, password))) {
      return Optional.empty();
    }
    return Optional.of(new Known(entry.groups(), entry.tenants()));
  }

  /** Keeps a login verified by the engine, unless an identity write happened since {@code readAt}. */
  void put(String userId, String password, List<String> groups, List<String> tenants, long readAt) {
    if (ttlNanos <= 0 || userId == null || password == null || generation.get() != readAt) {
      return;
    }
    if (entries.size() >= maxEntries) {
      long now = System.nanoTime();
      entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    Entry entry = new Entry(credential(userId, password), List.copyOf(groups), List.copyOf(tenants),
        System.nanoTime() + ttlNanos);
    entries.put(userId, entry);
    if (generation.get() != readAt) { // an invalidation ran between the check and the put
      entries.remove(userId, entry);
    }
  }

  /** Forgets one user (a failed password: the engine's throttle decides its next login). */
  void forget(String userId) {
    if (userId != null) {
      entries.remove(userId);
    }
  }

  /** Forgets one user's login after a write about that user (password, membership, unlock, deletion). */
  void invalidate(String userId) {
    generation.incrementAndGet();
    if (userId != null) { // whatever spelling logged in, should the database compare ids ignoring case
      entries.keySet().removeIf(userId::equalsIgnoreCase);
    }
  }

  /** Forgets every login (a write about a group or a tenant: it may change any user's). */
  void invalidateAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  private byte[] credential(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
