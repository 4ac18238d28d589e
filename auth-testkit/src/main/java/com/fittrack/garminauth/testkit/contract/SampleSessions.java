package com.fittrack.garminauth.testkit.contract;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.LegacyOAuthCredentials;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.OAuth1Token;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions and challenges for repository tests. Every secret is unique per call and starts with
 * {@link #SECRET_MARKER}, so a test can look for secrets in raw storage.
 */
public final class SampleSessions {
  /** Every secret these samples make starts with this. */
  public static final String SECRET_MARKER = "sEcReT-";

  private SampleSessions() {}

  public static Secret secret(String what) {
    return Secret.of(SECRET_MARKER + what + "-" + UUID.randomUUID());
  }

  public static DiOAuth2Credentials diCredentials(Instant accessExpiresAt) {
    return new DiOAuth2Credentials(
        secret("access"),
        secret("refresh"),
        "GARMIN_CONNECT_MOBILE_ANDROID_DI",
        accessExpiresAt,
        Optional.of(accessExpiresAt.plusSeconds(90L * 24 * 3600)));
  }

  /** Legacy credentials with every optional part present. */
  public static LegacyOAuthCredentials legacyCredentials(Instant accessExpiresAt) {
    return new LegacyOAuthCredentials(
        new OAuth1Token(
            secret("oauth1-token"),
            secret("oauth1-secret"),
            Optional.of(secret("mfa-token")),
            Optional.of(accessExpiresAt.plusSeconds(365L * 24 * 3600)),
            "garmin.com"),
        secret("legacy-access"),
        Optional.of(secret("legacy-refresh")),
        accessExpiresAt,
        Optional.of(accessExpiresAt.plusSeconds(30L * 24 * 3600)));
  }

  /** A CONNECTED, never stored DI connection with a known identity. */
  public static GarminConnection connected(UserId user, Instant now, Instant accessExpiresAt) {
    return GarminConnection.connect(
        user,
        diCredentials(accessExpiresAt),
        Optional.of(new GarminIdentity("Runner " + user.value(), Optional.of("profile-42"))),
        now);
  }

  /** A never stored challenge for {@code user}, open until {@code expiresAt}. */
  public static MfaChallenge challenge(UserId user, Instant now, Instant expiresAt, int max) {
    return new MfaChallenge(
        ChallengeId.random(),
        user,
        MfaMethod.EMAIL,
        secret("resume-state"),
        0,
        max,
        now,
        expiresAt,
        Optional.empty());
  }
}
