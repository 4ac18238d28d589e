package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Credentials with recognisable fake secrets, so tests can check they never leak. */
public final class TestCredentials {
  public static final String CLIENT_ID = "GARMIN_CONNECT_MOBILE_ANDROID_DI";

  private TestCredentials() {}

  /** DI credentials whose refresh token lives 30 days past the access token. */
  public static DiOAuth2Credentials di(String accessToken, String refreshToken, Instant expiresAt) {
    return new DiOAuth2Credentials(
        Secret.of(accessToken),
        Secret.of(refreshToken),
        CLIENT_ID,
        expiresAt,
        Optional.of(expiresAt.plus(Duration.ofDays(30))));
  }

  /** Legacy OAuth1 + OAuth2 credentials; {@code mfaExpiresAt} as garth stores it. */
  public static LegacyOAuthCredentials legacy(
      String accessToken, Instant expiresAt, Optional<Instant> mfaExpiresAt) {
    OAuth1Token oauth1 =
        new OAuth1Token(
            Secret.of("oauth1-token-secret-value"),
            Secret.of("oauth1-token-secret-secret"),
            Optional.of(Secret.of("oauth1-mfa-token-secret")),
            mfaExpiresAt,
            "garmin.com");
    return new LegacyOAuthCredentials(
        oauth1,
        Secret.of(accessToken),
        Optional.of(Secret.of("legacy-refresh-secret")),
        expiresAt,
        Optional.empty());
  }
}
