package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What Garmin issued for a user: one of two families. Every secret in it is a {@link Secret}, so
 * printing credentials never prints a token.
 */
public sealed interface GarminCredentials permits DiOAuth2Credentials, LegacyOAuthCredentials {

  CredentialType type();

  /** The bearer token for Garmin Connect API calls. */
  Secret accessToken();

  Instant accessTokenExpiresAt();

  /** When the refresh token (DI) or the OAuth2 refresh token (legacy) expires, when known. */
  Optional<Instant> refreshTokenExpiresAt();

  /**
   * Whether a refresh can extend the session. A refresh token known to expire no later than the
   * access token cannot: such a session serves its token until it expires, then needs the user.
   */
  default boolean canRefresh() {
    return refreshTokenExpiresAt().map(r -> r.isAfter(accessTokenExpiresAt())).orElse(true);
  }

  /** Whether the access token expires before {@code now + margin}. */
  default boolean expiresWithin(Duration margin, Instant now) {
    return !accessTokenExpiresAt().isAfter(now.plus(margin));
  }
}
