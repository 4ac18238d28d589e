package com.fittrack.garminauth.testkit.fakegarmin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** FakeGarmin's knobs; each may be changed while it runs, from any thread. */
final class FakeSettings {
  static final List<String> DI_CLIENT_IDS =
      List.of(
          "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2",
          "GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4",
          "GARMIN_CONNECT_MOBILE_ANDROID_DI",
          "GARMIN_CONNECT_MOBILE_IOS_DI");

  volatile Clock clock = Clock.systemUTC();
  volatile Duration accessTokenLifetime = Duration.ofHours(1);
  volatile Duration refreshTokenLifetime = Duration.ofDays(30);
  volatile Duration legacyAccessTokenLifetime = Duration.ofSeconds(75017);
  volatile boolean rotateRefreshTokens = true;
  volatile boolean strictReuse;
  volatile Set<String> acceptedDiClientIds = Set.copyOf(DI_CLIENT_IDS);
  volatile Duration latency = Duration.ZERO;
  volatile Duration ticketLifetime = Duration.ofMinutes(5);
  volatile boolean closeAfterEachAnswer;
  volatile Set<String> embedTokensRefused = Set.of();
  volatile long downloadBytes = 256 * 1024;

  /** DI and legacy access tokens alike. */
  void accessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = positive(lifetime);
    legacyAccessTokenLifetime = lifetime;
  }

  void refreshTokenLifetime(Duration lifetime) {
    refreshTokenLifetime = positive(lifetime);
  }

  FakeSettings copy() {
    FakeSettings c = new FakeSettings();
    c.restore(this);
    return c;
  }

  /** Takes every knob from {@code other}. */
  void restore(FakeSettings other) {
    clock = other.clock;
    accessTokenLifetime = other.accessTokenLifetime;
    legacyAccessTokenLifetime = other.legacyAccessTokenLifetime;
    refreshTokenLifetime = other.refreshTokenLifetime;
    rotateRefreshTokens = other.rotateRefreshTokens;
    strictReuse = other.strictReuse;
    acceptedDiClientIds = other.acceptedDiClientIds;
    latency = other.latency;
    ticketLifetime = other.ticketLifetime;
    closeAfterEachAnswer = other.closeAfterEachAnswer;
    embedTokensRefused = other.embedTokensRefused;
    downloadBytes = other.downloadBytes;
  }

  private static Duration positive(Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a lifetime must be positive");
    }
    return d;
  }
}
