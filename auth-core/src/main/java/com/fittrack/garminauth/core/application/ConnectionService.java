package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.ConnectionStatusQuery;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.DisconnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.ImportGarminSession;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.SessionOrigin;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Status, disconnect and import: the use cases around a stored connection. */
public final class ConnectionService
    implements ConnectionStatusQuery, DisconnectGarminAccount, ImportGarminSession {
  private final ConnectionRepository connections;
  private final ChallengeRepository challenges;
  private final GarminAuthenticator authenticator;
  private final ConnectionWriter writer;
  private final Events events;
  private final Clock clock;

  ConnectionService(
      ConnectionRepository connections,
      ChallengeRepository challenges,
      GarminAuthenticator authenticator,
      ConnectionWriter writer,
      Events events,
      Clock clock) {
    this.connections = connections;
    this.challenges = challenges;
    this.authenticator = authenticator;
    this.writer = writer;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Optional<ConnectionSummary> status(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return connections.find(userId).map(ConnectionSummary::of);
  }

  @Override
  public boolean disconnect(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    challenges.deleteAllFor(userId);
    boolean existed = connections.delete(userId);
    if (existed) {
      events.publish(new AuthEvent.Disconnected(userId, clock.instant()));
    }
    return existed;
  }

  @Override
  public ConnectionSummary importSession(UserId userId, GarminCredentials credentials) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(credentials, "credentials");
    requireUsable(credentials, clock.instant());
    GarminConnection stored =
        writer.storeNewSession(
            userId, credentials, authenticator.identify(credentials), SessionOrigin.IMPORT);
    events.publish(new AuthEvent.Connected(userId, clock.instant(), credentials.type()));
    return ConnectionSummary.of(stored);
  }

  /** A session that can no longer be refreshed is refused instead of stored. */
  private static void requireUsable(GarminCredentials credentials, Instant now) {
    credentials
        .refreshTokenExpiresAt()
        .filter(expiry -> !expiry.isAfter(now))
        .ifPresent(
            expiry -> {
              throw new ValidationException(
                  "refresh_token_expires_at", "the session's refresh token has expired");
            });
    // A DI session lives as long as its refresh token; without an expiry we must trust it.
    if (credentials instanceof LegacyOAuthCredentials legacy) {
      legacy
          .oauth1()
          .mfaExpiresAt()
          .filter(expiry -> !expiry.isAfter(now))
          .ifPresent(
              expiry -> {
                throw new ValidationException(
                    "mfa_expiration_timestamp", "the session's MFA token has expired");
              });
    }
  }
}
