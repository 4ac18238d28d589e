package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Legacy (garth-era) credentials: an OAuth1 token plus the OAuth2 tokens last exchanged for it.
 * Refreshing means exchanging the OAuth1 token again; nothing rotates, so nothing can be reused.
 */
public record LegacyOAuthCredentials(
    OAuth1Token oauth1,
    Secret accessToken,
    Optional<Secret> refreshToken,
    Instant accessTokenExpiresAt,
    Optional<Instant> refreshTokenExpiresAt)
    implements GarminCredentials {

  public LegacyOAuthCredentials {
    Objects.requireNonNull(oauth1, "oauth1");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
    accessTokenExpiresAt = Timestamps.micros(accessTokenExpiresAt);
    refreshTokenExpiresAt = Timestamps.micros(refreshTokenExpiresAt);
  }

  @Override
  public CredentialType type() {
    return CredentialType.LEGACY_OAUTH1;
  }
}
