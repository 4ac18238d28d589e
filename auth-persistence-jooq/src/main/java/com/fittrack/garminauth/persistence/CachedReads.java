package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.persistence.generated.tables.records.GarminConnectionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token reads through the near cache (docs/decisions/0117-push-invalidation-and-degraded-reads.md).
 * A cached connection is served with no database round trip while all of these hold: it is
 * CONNECTED, its access token is outside the refresh margin (as the core bounds it by the token's
 * lifetime: {@link GarminConnection#dueForRefresh}), no change of it has been announced since it
 * was read, and the change channel has been up without a break since then. Otherwise the row's
 * stamp is read and the entry served only if it still matches (ADR 0104). While the database cannot
 * be reached, an entry that is CONNECTED and outside the margin is served anyway, counted and
 * logged as a degraded read: old access tokens stay valid until they expire, so it is what any
 * instance would have answered; one that needs a refresh is not (no refresh without the lease).
 */
final class CachedReads {
  /** The row's version and sealed access token: what an entry is compared with. */
  record Stamp(long version, String accessTokenSealed) {}

  private static final Logger log = LoggerFactory.getLogger(CachedReads.class);
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  private final NearCache cache;
  private final ConnectionChanges changes;
  private final Duration refreshMargin;
  private final Clock clock;
  private final Function<String, Optional<Stamp>> stamps;
  private final Function<String, Optional<GarminConnectionRecord>> rows;
  private final Function<GarminConnectionRecord, GarminConnection> open;
  private final AtomicLong degraded = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  CachedReads(
      NearCache cache,
      ConnectionChanges changes,
      Duration refreshMargin,
      Clock clock,
      Function<String, Optional<Stamp>> stamps,
      Function<String, Optional<GarminConnectionRecord>> rows,
      Function<GarminConnectionRecord, GarminConnection> open) {
    this.cache = cache;
    this.changes = changes;
    this.refreshMargin = refreshMargin;
    this.clock = clock;
    this.stamps = stamps;
    this.rows = rows;
    this.open = open;
    changes.onChange(
        userId -> {
          cache.invalidate(userId);
          received.incrementAndGet();
        });
  }

  Optional<GarminConnection> find(String userId) {
    Optional<NearCache.Entry> cached = cache.get(userId);
    long countBefore = cache.changeCount(userId);
    long epochBefore = changes.epoch();
    if (cached.isPresent()) {
      NearCache.Entry entry = cached.get();
      boolean outsideMargin = outsideMargin(entry.connection());
      if (outsideMargin
          && entry.epoch() != ConnectionChanges.DOWN
          && entry.epoch() == epochBefore) {
        return Optional.of(entry.connection());
      }
      if (outsideMargin && changes.databaseUnreachable()) {
        return Optional.of(degraded(userId, entry, "the change channel cannot connect"));
      }
      Optional<Stamp> stamp;
      try {
        stamp = stamp(userId);
      } catch (StorageException e) {
        if (outsideMargin && e.code() == ErrorCode.STORAGE_UNAVAILABLE) {
          return Optional.of(degraded(userId, entry, "the stamp check failed"));
        }
        throw e;
      }
      if (stamp.isEmpty()) {
        cache.invalidate(userId);
        return Optional.empty();
      }
      if (entry.matches(stamp.get().version(), stamp.get().accessTokenSealed())) {
        cache.trust(userId, entry, countBefore, epochBefore, changes::epoch);
        return Optional.of(entry.connection());
      }
    }
    Optional<GarminConnectionRecord> row = rows.apply(userId);
    if (row.isEmpty()) {
      cache.invalidate(userId);
      return Optional.empty();
    }
    GarminConnection connection;
    try {
      connection = open.apply(row.get());
    } catch (StorageException unreadable) {
      cache.invalidate(userId);
      throw unreadable;
    }
    cache.put(
        userId,
        row.get().getVersion(),
        row.get().getAccessTokenSealed(),
        connection,
        countBefore,
        epochBefore,
        changes::epoch);
    return Optional.of(connection);
  }

  /**
   * The row's stamp. When the change channel is up the database is reachable, so a failure is most
   * likely a pooled connection that died in an outage just over: the pool has dropped it, and the
   * check is tried once more before the entry is served as a degraded read.
   */
  private Optional<Stamp> stamp(String userId) {
    try {
      return stamps.apply(userId);
    } catch (StorageException e) {
      if (e.code() != ErrorCode.STORAGE_UNAVAILABLE || changes.epoch() == ConnectionChanges.DOWN) {
        throw e;
      }
      return stamps.apply(userId);
    }
  }

  /** Changes announced to this process by the change channel; for tests. */
  long changesReceived() {
    return received.get();
  }

  /** After this process wrote {@code userId}'s connection. */
  void written(String userId) {
    cache.invalidate(userId);
    changes.written(userId);
  }

  /** Reads served from the cache because the database could not be reached. */
  long degradedReads() {
    return degraded.get();
  }

  boolean channelUp() {
    return changes.epoch() != ConnectionChanges.DOWN;
  }

  void close() {
    changes.close();
  }

  private boolean outsideMargin(GarminConnection connection) {
    return connection.status() == ConnectionStatus.CONNECTED
        && !connection.dueForRefresh(clock.instant(), refreshMargin);
  }

  private GarminConnection degraded(String userId, NearCache.Entry entry, String why) {
    long count = degraded.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
      Instant expires = entry.connection().credentials().accessTokenExpiresAt();
      log.warn(
          "database unreachable ({}): served the cached token of user {} (valid until {});"
              + " {} degraded reads so far",
          why,
          userId,
          expires,
          count);
    }
    return entry.connection();
  }
}
