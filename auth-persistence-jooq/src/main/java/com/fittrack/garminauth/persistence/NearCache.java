package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Opened connections of this process, so that a token read need not decrypt and map the row again
 * while it has not changed. It never decides on its own that an entry is current: {@link
 * CachedReads} serves an entry without asking the database only while it is trusted under the
 * change channel's current epoch (ADR 0117), and otherwise compares the row's stamp (its {@code
 * version} and its sealed access token) first. The sealed value carries a fresh random nonce from
 * every write, so the stamp also changes when a connection is deleted and created again (when
 * {@code version} starts again at 1).
 *
 * <p>Bounded in size (least recently and least frequently used entries go first) and by time: an
 * entry leaves when its access token expires, since it is of no use after that and holds decrypted
 * secrets. See docs/decisions/0104-near-cache-for-token-reads.md.
 */
final class NearCache {
  /**
   * What the row looked like when {@link #connection} was read from it, and the change channel's
   * epoch under which it may be served without asking the database ({@link ConnectionChanges#DOWN}:
   * only after a stamp check).
   */
  record Entry(long version, String accessTokenSealed, GarminConnection connection, long epoch) {
    Entry(long version, String accessTokenSealed, GarminConnection connection) {
      this(version, accessTokenSealed, connection, ConnectionChanges.DOWN);
    }

    boolean matches(long storedVersion, String storedAccessTokenSealed) {
      return version == storedVersion && accessTokenSealed.equals(storedAccessTokenSealed);
    }

    Instant expiresAt() {
      return connection.credentials().accessTokenExpiresAt();
    }
  }

  /** Stripes of the change counter: a key's stripe moves on every invalidation of that key. */
  private static final int STRIPES = 64;

  private final Cache<String, Entry> entries;
  private final Clock clock;

  /**
   * Invalidations per stripe of user ids. A reader notes its stripe's count before it reads the
   * row, and its entry is trusted only if the count has not moved when it is stored (an
   * invalidation in between means the row it read may already be stale).
   */
  private final AtomicLongArray changes = new AtomicLongArray(STRIPES);

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
    // Under the key's lock, so that no store of the same key can fall between the count and the
    // removal (see putTrusted).
    entries
        .asMap()
        .compute(
            userId,
            (id, old) -> {
              changes.incrementAndGet(stripe(id));
              return null;
            });
  }

  /** The change count of {@code userId}'s stripe; note it before reading the row. */
  long changeCount(String userId) {
    return changes.get(stripe(userId));
  }

  /**
   * Stores what was read from the row, trusted under {@code epoch} of the change channel if no
   * invalidation of the key's stripe happened since {@code countBefore} (taken before the read) and
   * the channel is still at {@code epoch}; otherwise untrusted (served only after a stamp check).
   */
  void put(
      String userId,
      long version,
      String accessTokenSealed,
      GarminConnection connection,
      long countBefore,
      long epochBefore,
      LongSupplier epochNow) {
    if (!clock.instant().isBefore(connection.credentials().accessTokenExpiresAt())) {
      entries.invalidate(userId);
      return;
    }
    entries
        .asMap()
        .compute(
            userId,
            (id, old) -> {
              boolean unchanged =
                  changes.get(stripe(id)) == countBefore
                      && epochBefore != ConnectionChanges.DOWN
                      && epochNow.getAsLong() == epochBefore;
              return new Entry(
                  version,
                  accessTokenSealed,
                  connection,
                  unchanged ? epochBefore : ConnectionChanges.DOWN);
            });
  }

  /**
   * Marks {@code entry} trusted under {@code epochBefore} after a stamp check confirmed it, on the
   * same conditions as {@link #put(String, long, String, GarminConnection, long, long,
   * LongSupplier)}; does nothing if the entry was replaced or removed meanwhile.
   */
  void trust(
      String userId, Entry entry, long countBefore, long epochBefore, LongSupplier epochNow) {
    if (entry.epoch() == epochBefore || epochBefore == ConnectionChanges.DOWN) {
      return;
    }
    entries
        .asMap()
        .computeIfPresent(
            userId,
            (id, old) -> {
              if (old != entry
                  || changes.get(stripe(id)) != countBefore
                  || epochNow.getAsLong() != epochBefore) {
                return old;
              }
              return new Entry(
                  old.version(), old.accessTokenSealed(), old.connection(), epochBefore);
            });
  }

  private static int stripe(String userId) {
    return (userId.hashCode() & 0x7fffffff) % STRIPES;
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
