package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opened connections of this process, so that a token read need not decrypt and map the row again
 * while it has not changed. It never decides on its own that an entry is current: the repository
 * reads the row's stamp (its {@code version} and its sealed access token) on every read and serves
 * an entry only when both still match. The sealed value carries a fresh random nonce from every
 * write, so the stamp also changes when a connection is deleted and created again (when {@code
 * version} starts again at 1).
 *
 * <p>Bounded in size (least recently and least frequently used entries go first) and by time: an
 * entry leaves when its access token expires, since it is of no use after that and holds decrypted
 * secrets. See docs/decisions/0104-near-cache-for-token-reads.md.
 */
final class NearCache {
  /** What the row looked like when {@link #connection} was read from it. */
  record Entry(long version, String accessTokenSealed, GarminConnection connection) {
    boolean matches(long storedVersion, String storedAccessTokenSealed) {
      return version == storedVersion && accessTokenSealed.equals(storedAccessTokenSealed);
    }

    Instant expiresAt() {
      return connection.credentials().accessTokenExpiresAt();
    }
  }

  private final Cache<String, Entry> entries;
  private final Clock clock;

  private NearCache(Cache<String, Entry> entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  /** A cache of at most {@code maxEntries}, or none when it is 0. */
  static Optional<NearCache> of(int maxEntries, Clock clock) {
    if (maxEntries == 0) {
      return Optional.empty();
    }
    Cache<String, Entry> entries =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(new UntilTokenExpiry(clock))
            // Eviction bookkeeping on the calling thread, amortised over reads: handing it to
            // the common pool woke a second thread every few reads (docs/benchmarks.md).
            .executor(Runnable::run)
            .build();
    return Optional.of(new NearCache(entries, clock));
  }

  /** The entry of {@code userId}, unless its access token has expired by the repository clock. */
  Optional<Entry> get(String userId) {
    Entry entry = entries.getIfPresent(userId);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expiresAt())) {
      entries.invalidate(userId);
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  /** Keeps what was just read from the row, if its access token is still good. */
  void put(String userId, long version, String accessTokenSealed, GarminConnection connection) {
    Entry entry = new Entry(version, accessTokenSealed, connection);
    if (clock.instant().isBefore(entry.expiresAt())) {
      entries.put(userId, entry);
    } else {
      entries.invalidate(userId);
    }
  }

  void invalidate(String userId) {
    entries.invalidate(userId);
  }

  /** Entries held right now (an estimate, as Caffeine evicts in the background); for tests. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** An entry lives until its access token expires, measured on the repository's clock. */
  private static final class UntilTokenExpiry implements Expiry<String, Entry> {
    private final Clock clock;

    UntilTokenExpiry(Clock clock) {
      this.clock = clock;
    }

    @Override
    public long expireAfterCreate(String userId, Entry entry, long currentTime) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterUpdate(
        String userId, Entry entry, long currentTime, long currentDuration) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterRead(
        String userId, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remainingNanos(Entry entry) {
      Duration left = Duration.between(clock.instant(), entry.expiresAt());
      if (left.isNegative()) {
        return 0;
      }
      try {
        return left.toNanos();
      } catch (ArithmeticException tooFar) {
        return Long.MAX_VALUE;
      }
    }
  }
}
