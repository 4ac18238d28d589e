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

  /**
   * A session imported without a refresh token (python-garminconnect writes {@code
   * "di_refresh_token": null} for some). It serves its access token until that expires, then needs
   * the user: its refresh token is marked as expiring with the access token, so {@link
   * #canRefresh()} is false and the placeholder below is never sent to Garmin.
   */
  public static DiOAuth2Credentials unrefreshable(
      Secret accessToken, String clientId, Instant accessTokenExpiresAt) {
    return new DiOAuth2Credentials(
        accessToken,
        Secret.of(NO_REFRESH_TOKEN),
        clientId,
        accessTokenExpiresAt,
        Optional.of(accessTokenExpiresAt));
  }

  /** What is stored in place of a refresh token that the session never had. */
  public static final String NO_REFRESH_TOKEN = "none";

  @Override
  public CredentialType type() {
    return CredentialType.DI_OAUTH2;
  }
}
