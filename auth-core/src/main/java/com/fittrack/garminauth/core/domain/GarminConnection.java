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

  /**
   * Whether the access token expires within {@code margin}, taken as given. Deciding whether to
   * refresh a token is {@link #dueForRefresh(Instant, Duration)}, which bounds the margin by the
   * token's lifetime.
   */
  public boolean needsRefresh(Instant now, Duration margin) {
    return status == ConnectionStatus.CONNECTED && credentials.expiresWithin(margin, now);
  }

  /** When the current access token was issued: its last refresh, else the sign-in or import. */
  public Instant tokenIssuedAt() {
    return lastRefreshedAt.orElse(connectedAt);
  }

  /**
   * The share of a token's lifetime that a refresh margin may cover: one tenth. A token is
   * refreshed proactively only in the last tenth of its life, so each token is refreshed once and a
   * fleet refreshes a user about once per token lifetime (at most 10/9 per lifetime), whatever the
   * margin or sweeper horizon. Garmin's access tokens live about 21 hours, so the default margin (5
   * min) and horizon (10 min) are far inside their last tenth and apply unchanged; a margin only
   * shrinks for tokens shorter than ten times it (50 minutes for the default margin). A tenth, not
   * a smaller share, still leaves a short token time for the refresh round trip before it expires.
   */
  public static final int LIFETIME_SHARE_DIVISOR = 10;

  /**
   * The margin that applies to this token: {@code margin}, but at most a tenth of the token's
   * lifetime (from {@link #tokenIssuedAt()} to its expiry); zero for a token that was issued
   * already expired. With a 6-s token and the default 5-min margin it is 0.6 s.
   */
  public Duration effectiveMargin(Duration margin) {
    Objects.requireNonNull(margin, "margin");
    if (margin.isNegative()) {
      throw new IllegalArgumentException("margin must not be negative");
    }
    Duration lifetime = Duration.between(tokenIssuedAt(), credentials.accessTokenExpiresAt());
    if (lifetime.isNegative() || lifetime.isZero()) {
      return Duration.ZERO;
    }
    Duration share = lifetime.dividedBy(LIFETIME_SHARE_DIVISOR);
    return margin.compareTo(share) <= 0 ? margin : share;
  }

  /**
   * Due for a refresh: connected and expiring within {@link #effectiveMargin(Duration)}, which is
   * {@code margin} bounded by a tenth of the token's lifetime. The one rule for every caller that
   * decides whether a token is still served as is: on-demand reads (with the refresh margin), the
   * sweeper (with its horizon) and the near cache. An expired token is always due.
   */
  public boolean dueForRefresh(Instant now, Duration margin) {
    return needsRefresh(now, effectiveMargin(margin));
  }

  public boolean isConnected() {
    return status == ConnectionStatus.CONNECTED;
  }
}
