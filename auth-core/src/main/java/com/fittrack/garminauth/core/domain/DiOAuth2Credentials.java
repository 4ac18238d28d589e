package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * DI OAuth2 credentials: an access JWT and a refresh token that Garmin may rotate on every use
 * (present a spent one and the whole family may be revoked), issued to {@code clientId}.
 */
public record DiOAuth2Credentials(
    Secret accessToken,
    Secret refreshToken,
    String clientId,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt)
    implements GarminCredentials {

  public DiOAuth2Credentials {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
    accessTokenExpiresAt = Timestamps.micros(accessTokenExpiresAt);
    refreshTokenExpiresAt = Timestamps.micros(refreshTokenExpiresAt);
    if (clientId.isBlank() || clientId.length() > 128) {
      throw new ValidationException("clientId", "must be 1-128 characters");
    }
  }

  @Override
  public CredentialType type() {
    return CredentialType.DI_OAUTH2;
  }
}
