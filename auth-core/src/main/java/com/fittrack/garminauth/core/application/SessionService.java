package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.application.port.out.RefreshLease;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.NotConnectedException;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Hands out valid access tokens and refreshes them single-flight through the repository's refresh
 * lease: of all callers (threads or processes) that find a token due, the one that wins the lease
 * calls Garmin; the others poll the stored row until the winner's result appears.
 */
public final class SessionService implements GarminSessions {
  /** Refresh reason recorded when Garmin rejects a token that a dead holder may have spent. */
  public static final String REFRESH_TOKEN_REUSED = "refresh_token_reused";

  /** The reason a session without a usable refresh token needs the user once its token expires. */
  public static final String NO_REFRESH_TOKEN = "no_refresh_token";

  private final ConnectionRepository connections;
  private final GarminAuthenticator authenticator;
  private final ConnectionWriter writer;
  private final Events events;
  private final AuthPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final CooldownGate gate;
  private final String cooldownKey;

  SessionService(
      ConnectionRepository connections,
      GarminAuthenticator authenticator,
      ConnectionWriter writer,
      Events events,
      AuthPolicy policy,
      Clock clock,
      Sleeper sleeper,
      CooldownGate gate,
      String cooldownKey) {
    this.gate = gate;
    this.cooldownKey = cooldownKey;
    this.connections = connections;
    this.authenticator = authenticator;
    this.writer = writer;
    this.events = events;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public AccessToken accessToken(UserId userId) {
    return obtain(userId, this::dueForRefresh, true);
  }

  @Override
  public AccessToken refreshAfterRejection(UserId userId, String rejectedToken) {
    refuseYoungToken(readConnected(userId), rejectedToken);
    // Refresh only while the stored token is still the rejected one: if it differs, someone
    // refreshed since, and their token is the answer.
    return obtain(userId, (c, now) -> c.credentials().accessToken().matches(rejectedToken), false);
  }

  /**
   * Refreshes the lease's connection (the sweeper calls this for leases it claimed in bulk). A
   * passing failure is recorded on the connection and then thrown, even while the token is still
   * valid: the sweeper must see a {@code rate_limited} (and its retry-after) to back off.
   */
  GarminConnection refreshClaimed(RefreshLease lease) {
    return refreshUnderLease(lease, false);
  }

  private AccessToken obtain(
      UserId userId, BiPredicate<GarminConnection, Instant> needsRefresh, boolean mayUseValid) {
    Instant started = clock.instant();
    Instant giveUpAt = started.plus(policy.leaseWait());
    boolean waited = false;
    while (true) {
      GarminConnection current = readConnected(userId);
      Instant now = clock.instant();
      if (!needsRefresh.test(current, now)) {
        if (waited) {
          events.publish(new AuthEvent.LeaseWaited(userId, now, Duration.between(started, now)));
        }
        return token(current);
      }
      if (mayUseValid && recentlyFailed(current, now)) {
        // Garmin failed us moments ago and the token still works: do not hammer Garmin.
        return token(current);
      }
      Optional<RefreshLease> lease =
          connections.tryAcquireRefreshLease(
              userId,
              new LeaseRequest(UUID.randomUUID().toString(), now, now.plus(policy.refreshLease())));
      if (lease.isPresent()) {
        GarminConnection leased = lease.get().connection();
        if (!needsRefresh.test(leased, now)) {
          // Someone refreshed between our read and our claim: their token is the answer.
          connections.releaseRefreshLease(lease.get());
          if (waited) {
            events.publish(new AuthEvent.LeaseWaited(userId, now, Duration.between(started, now)));
          }
          return token(leased);
        }
        try {
          GarminConnection refreshed = refreshUnderLease(lease.get(), mayUseValid);
          return token(refreshed);
        } catch (StorageException e) {
          if (e.code() != ErrorCode.CONCURRENT_UPDATE) {
            throw e;
          }
          // Our lease was taken over while Garmin answered; the row tells what happened.
          continue;
        }
      }
      if (!now.isBefore(giveUpAt)) {
        if (mayUseValid && current.credentials().accessTokenExpiresAt().isAfter(now)) {
          return token(current);
        }
        throw GarminUnavailableException.unavailable(
            "timed out waiting for another worker to refresh the session", null);
      }
      waited = true;
      pause(policy.leasePollInterval());
    }
  }

  /**
   * A caller may force a refresh only of a token at least the floor old: sending back the token it
   * just got must not make Garmin refresh once per request.
   */
  private void refuseYoungToken(GarminConnection current, String rejectedToken) {
    if (!current.credentials().accessToken().matches(rejectedToken)) {
      return;
    }
    Instant now = clock.instant();
    Duration age = Duration.between(current.tokenIssuedAt(), now);
    Duration floor = policy.forcedRefreshFloor();
    if (age.compareTo(floor) < 0) {
      Duration wait = floor.minus(age);
      throw GarminUnavailableException.rateLimited(
          "this token was issued "
              + age.toSeconds()
              + " s ago; a forced refresh needs it to be "
              + floor.toSeconds()
              + " s old",
          wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }
  }

  private GarminConnection refreshUnderLease(RefreshLease lease, boolean mayUseValid) {
    GarminConnection current = lease.connection();
    CooldownGate.Pass pass;
    try {
      pass = gate.enter(cooldownKey, "token refreshes");
    } catch (GarminAuthException e) {
      // Garmin pushed back on refreshes (this or another instance): nothing goes out.
      releaseQuietly(lease);
      if (mayUseValid && current.credentials().accessTokenExpiresAt().isAfter(clock.instant())) {
        return current;
      }
      throw e;
    }
    Instant started = clock.instant();
    if (!current.credentials().canRefresh()) {
      return withoutRefresh(lease, current, mayUseValid);
    }
    GarminCredentials fresh;
    try {
      fresh = authenticator.refresh(current.credentials());
      gate.answered(pass);
    } catch (ReauthRequiredException e) {
      gate.answered(pass);
      String reason = lease.tookOverExpiredLease() ? REFRESH_TOKEN_REUSED : e.reason();
      Instant now = clock.instant();
      writer.completeRefresh(lease, current.requiringReauth(reason, now));
      events.publish(new AuthEvent.ReauthRequired(current.userId(), now, reason));
      throw new ReauthRequiredException(
          reason, "Garmin rejected the stored session; the user must sign in again");
    } catch (GarminAuthException e) {
      gate.failed(pass, e);
      Instant now = clock.instant();
      GarminConnection recorded = recordFailure(lease, current, e.code(), now);
      events.publish(new AuthEvent.RefreshFailed(current.userId(), now, e.code()));
      if (mayUseValid && current.credentials().accessTokenExpiresAt().isAfter(now)) {
        return recorded;
      }
      throw e;
    }
    Instant now = clock.instant();
    GarminConnection stored = writer.completeRefresh(lease, current.refreshed(fresh, now));
    events.publish(new AuthEvent.Refreshed(current.userId(), now, Duration.between(started, now)));
    return stored;
  }

  /**
   * A session that has nothing to refresh with is never sent to Garmin: its token serves while it
   * is valid (for callers that may use a valid token), then the user must sign in again.
   */
  private GarminConnection withoutRefresh(
      RefreshLease lease, GarminConnection current, boolean mayUseValid) {
    Instant now = clock.instant();
    if (mayUseValid && current.credentials().accessTokenExpiresAt().isAfter(now)) {
      connections.releaseRefreshLease(lease);
      return current;
    }
    writer.completeRefresh(lease, current.requiringReauth(NO_REFRESH_TOKEN, now));
    events.publish(new AuthEvent.ReauthRequired(current.userId(), now, NO_REFRESH_TOKEN));
    throw new ReauthRequiredException(
        NO_REFRESH_TOKEN, "the session has no refresh token; the user must sign in again");
  }

  /** Records a passing failure; if even that cannot be written, just give the lease back. */
  private GarminConnection recordFailure(
      RefreshLease lease, GarminConnection current, ErrorCode code, Instant now) {
    try {
      return writer.completeRefresh(lease, current.withTransientFailure(code.wireName(), now));
    } catch (StorageException storageFailure) {
      releaseQuietly(lease);
      return current;
    }
  }

  private void releaseQuietly(RefreshLease lease) {
    try {
      connections.releaseRefreshLease(lease);
    } catch (StorageException ignored) {
      // The lease expires by itself.
    }
  }

  private GarminConnection readConnected(UserId userId) {
    GarminConnection connection =
        connections.find(userId).orElseThrow(() -> new NotConnectedException(userId));
    if (connection.status() == ConnectionStatus.REAUTH_REQUIRED) {
      String reason = connection.lastFailure().map(ConnectionFailure::code).orElse("unknown");
      throw new ReauthRequiredException(
          reason, "the Garmin session was rejected; the user must sign in again");
    }
    if (connection.status() != ConnectionStatus.CONNECTED) {
      throw new NotConnectedException(userId);
    }
    return connection;
  }

  private boolean dueForRefresh(GarminConnection c, Instant now) {
    return c.dueForRefresh(now, policy.refreshMargin());
  }

  /** A refresh failed less than one lease length ago (the retry pause after a failure). */
  private boolean recentlyFailed(GarminConnection c, Instant now) {
    return c.credentials().accessTokenExpiresAt().isAfter(now)
        && c.lastFailure().map(f -> f.at().plus(policy.refreshLease()).isAfter(now)).orElse(false);
  }

  private static AccessToken token(GarminConnection c) {
    return new AccessToken(c.credentials().accessToken(), c.credentials().accessTokenExpiresAt());
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GarminUnavailableException.unavailable("interrupted while waiting for a refresh", e);
    }
  }
}
