package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes that must not lose what Garmin issued: a write that fails because the database is
 * unavailable is retried with exponential backoff (a token Garmin issued may be the only valid one
 * left); a write that meets a newer version is never forced.
 */
final class ConnectionWriter {
  private static final int MAX_RECONNECT_RACES = 5;

  /** Doubling stops here, so that many retries wait long, not forever. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final ConnectionRepository connections;
  private final AuthPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;

  ConnectionWriter(
      ConnectionRepository connections, AuthPolicy policy, Sleeper sleeper, Clock clock) {
    this.connections = connections;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Stores fresh credentials from a sign-in or an import, replacing any earlier session. */
  GarminConnection storeNewSession(
      UserId userId, GarminCredentials credentials, Optional<GarminIdentity> identity) {
    return storeNewSession(userId, credentials, identity, SessionOrigin.SIGN_IN);
  }

  /** {@link #storeNewSession(UserId, GarminCredentials, Optional)} from a given origin. */
  GarminConnection storeNewSession(
      UserId userId,
      GarminCredentials credentials,
      Optional<GarminIdentity> identity,
      SessionOrigin origin) {
    for (int race = 0; ; race++) {
      try {
        return withRetries(
            () -> {
              var now = clock.instant();
              return connections
                  .find(userId)
                  .map(
                      existing ->
                          connections.update(
                              existing.reconnected(credentials, identity, now), origin))
                  .orElseGet(
                      () ->
                          connections.insert(
                              GarminConnection.connect(userId, credentials, identity, now),
                              origin));
            });
      } catch (StorageException e) {
        // Someone else wrote the row between our read and write: read again and replace it.
        if (e.code() != ErrorCode.CONCURRENT_UPDATE || race >= MAX_RECONNECT_RACES) {
          throw e;
        }
      }
    }
  }

  /** Writes a refresh outcome under the lease; a lost lease is reported, never forced. */
  GarminConnection completeRefresh(RefreshLease lease, GarminConnection outcome) {
    return withRetries(() -> connections.completeRefresh(lease, outcome));
  }

  private <T> T withRetries(Supplier<T> write) {
    Duration backoff = policy.storeRetryBackoff();
    for (int attempt = 0; ; attempt++) {
      try {
        return write.get();
      } catch (StorageException e) {
        if (e.code() != ErrorCode.STORAGE_UNAVAILABLE || attempt >= policy.storeRetries()) {
          throw e;
        }
        pause(backoff);
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StorageException.unavailable("interrupted while retrying a write", null);
    }
  }
}
