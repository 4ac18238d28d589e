package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.ConnectionFailure;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lists connections for operators and FitTrack, in user-id order (keyset pagination). Reads only
 * plain columns: listing never opens a sealed secret.
 */
public interface ConnectionDirectory {

  /**
   * Up to {@code limit} connections with a user id greater than {@code after} (all when empty), in
   * the given status (any when empty), ordered by user id.
   */
  List<Entry> list(Optional<ConnectionStatus> status, Optional<UserId> after, int limit);

  /** What a listing shows of one connection: no secret. */
  record Entry(
      UserId userId,
      ConnectionStatus status,
      CredentialType credentialType,
      Optional<String> garminDisplayName,
      Instant connectedAt,
      Optional<Instant> lastRefreshedAt,
      Instant accessTokenExpiresAt,
      Optional<Instant> refreshTokenExpiresAt,
      Optional<ConnectionFailure> lastFailure) {

    /** What a listing shows of a connection held in memory. */
    public static Entry of(GarminConnection c) {
      return new Entry(
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
}
