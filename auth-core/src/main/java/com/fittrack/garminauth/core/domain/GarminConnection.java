package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One FitTrack user's Garmin session: the aggregate every process shares through the connection
 * repository.
 *
 * <p>It is immutable; each change returns a new value with the same {@link #version()}. The
 * repository compares that version when it writes (compare-and-set) and stores the next one, so a
 * write based on an old read fails instead of overwriting a newer session.
 *
 * <pre>{@code
 * GarminConnection next = current.refreshed(newCredentials, clock.instant());
 * repository.update(next); // fails with concurrent_update if someone wrote since `current`
 * }</pre>
 */
public record GarminConnection(
    UserId userId,
    ConnectionStatus status,
    GarminCredentials credentials,
    Optional<GarminIdentity> identity,
    Instant connectedAt,
    Optional<Instant> lastRefreshedAt,
    Optional<ConnectionFailure> lastFailure,
    long version) {

  /** The version of a connection that has never been stored. */
  public static final long UNSAVED = 0;

  public GarminConnection {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(connectedAt, "connectedAt");
    Objects.requireNonNull(lastRefreshedAt, "lastRefreshedAt");
    Objects.requireNonNull(lastFailure, "lastFailure");
    connectedAt = Timestamps.micros(connectedAt);
    lastRefreshedAt = Timestamps.micros(lastRefreshedAt);
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  /** A connection made by a successful sign-in (or import), not yet stored. */
  public static GarminConnection connect(
      UserId userId,
      GarminCredentials credentials,
      Optional<GarminIdentity> identity,
      Instant now) {
    return new GarminConnection(
        userId,
        ConnectionStatus.CONNECTED,
        credentials,
        identity,
        now,
        Optional.empty(),
        Optional.empty(),
        UNSAVED);
  }

  /** The same user signed in again: new credentials replace the old ones, failures are cleared. */
  public GarminConnection reconnected(
      GarminCredentials newCredentials, Optional<GarminIdentity> newIdentity, Instant now) {
    return new GarminConnection(
        userId,
        ConnectionStatus.CONNECTED,
        newCredentials,
        newIdentity.or(() -> identity),
        now,
        Optional.empty(),
        Optional.empty(),
        version);
  }

  /** Garmin issued new tokens for this session. */
  public GarminConnection refreshed(GarminCredentials newCredentials, Instant now) {
    if (newCredentials.type() != credentials.type()) {
      throw new IllegalArgumentException("a refresh cannot change the credential family");
    }
    return new GarminConnection(
        userId,
        ConnectionStatus.CONNECTED,
        newCredentials,
        identity,
        connectedAt,
        Optional.of(now),
        Optional.empty(),
        version);
  }

  /** Garmin definitely rejected the session: the user must sign in again. */
  public GarminConnection requiringReauth(String failureCode, Instant now) {
    return new GarminConnection(
        userId,
        ConnectionStatus.REAUTH_REQUIRED,
        credentials,
        identity,
        connectedAt,
        lastRefreshedAt,
        Optional.of(new ConnectionFailure(failureCode, now)),
        version);
  }

  /** A refresh failed for a passing reason; the session is kept as it is. */
  public GarminConnection withTransientFailure(String failureCode, Instant now) {
    return new GarminConnection(
        userId,
        status,
        credentials,
        identity,
        connectedAt,
        lastRefreshedAt,
        Optional.of(new ConnectionFailure(failureCode, now)),
        version);
  }

  /** The value as stored under {@code newVersion}; repositories call this after a write. */
  public GarminConnection withVersion(long newVersion) {
    return new GarminConnection(
        userId,
        status,
        credentials,
        identity,
        connectedAt,
        lastRefreshedAt,
        lastFailure,
        newVersion);
  }

  /** Whether the access token must be refreshed before it is handed out. */
  public boolean needsRefresh(Instant now, Duration margin) {
    return status == ConnectionStatus.CONNECTED && credentials.expiresWithin(margin, now);
  }

  /** When the current access token was issued: its last refresh, else the sign-in or import. */
  public Instant tokenIssuedAt() {
    return lastRefreshedAt.orElse(connectedAt);
  }

  /**
   * Whether half of the access token's lifetime has passed at {@code now}. No token is refreshed
   * proactively before that, whatever the margin or horizon: a margin longer than the token's life
   * would otherwise refresh it on every read (a refresh storm).
   */
  public boolean pastHalfLife(Instant now) {
    Instant issued = tokenIssuedAt();
    Instant expires = credentials.accessTokenExpiresAt();
    if (!expires.isAfter(issued)) {
      return true;
    }
    return !now.isBefore(issued.plus(Duration.between(issued, expires).dividedBy(2)));
  }

  /** Due for a proactive refresh: within {@code margin} of expiry and past half its lifetime. */
  public boolean dueForRefresh(Instant now, Duration margin) {
    return needsRefresh(now, margin) && pastHalfLife(now);
  }

  public boolean isConnected() {
    return status == ConnectionStatus.CONNECTED;
  }
}
