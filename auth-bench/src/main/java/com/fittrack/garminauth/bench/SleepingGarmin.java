package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Garmin that answers every DI refresh after a fixed latency with fresh tokens (a rotated refresh
 * token included), and nothing else. It isolates what the sweeper, the database and the sealing
 * cost from what an HTTP client and server cost (that is what FakeGarmin adds).
 */
final class SleepingGarmin implements GarminAuthenticator {
  private final Duration latency;
  private final Clock clock;
  private final AtomicLong refreshes = new AtomicLong();

  SleepingGarmin(Duration latency, Clock clock) {
    this.latency = latency;
    this.clock = clock;
  }

  long refreshes() {
    return refreshes.get();
  }

  @Override
  public GarminCredentials refresh(GarminCredentials current) {
    if (!(current instanceof DiOAuth2Credentials di)) {
      throw new IllegalStateException("the benchmark seeds DI sessions only");
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    refreshes.incrementAndGet();
    var now = clock.instant();
    return new DiOAuth2Credentials(
        Secret.of("access-" + UUID.randomUUID()),
        Secret.of("refresh-" + UUID.randomUUID()),
        di.clientId(),
        now.plus(Duration.ofHours(1)),
        di.refreshTokenExpiresAt());
  }

  @Override
  public SignInOutcome signIn(String email, Secret password) {
    throw new UnsupportedOperationException("refresh only");
  }

  @Override
  public SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code) {
    throw new UnsupportedOperationException("refresh only");
  }

  @Override
  public Optional<GarminIdentity> identify(GarminCredentials credentials) {
    return Optional.empty();
  }
}
