package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.Optional;

/** What may be shown about a connection: everything but its secrets. */
public record ConnectionSummary(
    UserId userId,
    ConnectionStatus status,
    CredentialType credentialType,
    Optional<String> garminDisplayName,
    Instant connectedAt,
    Optional<Instant> lastRefreshedAt,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt,
    Optional<ConnectionFailure> lastFailure) {

  public static ConnectionSummary of(GarminConnection c) {
    return new ConnectionSummary(
        c.userId(),
        c.status(),
        c.credentials().type(),
        c.identity().map(GarminIdentity::displayName),
        c.connectedAt(),
        c.lastRefreshedAt(),
        c.credentials().accessTokenExpiresAt(),
        c.credentials().refreshTokenExpiresAt(),
        c.lastFailure());
  }
}
