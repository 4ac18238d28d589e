package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The real {@link GarminClient} over HTTP against an in-process {@link FakeGarmin} that answers
 * every request after the given latency. Every benchmark user holds the session of one demo
 * sign-in: the fake runs without refresh-token rotation, since with rotation each of thousands of
 * users would need a sign-in of its own in every fork. A refresh is otherwise the same exchange
 * (one POST to the DI token endpoint, a fresh JWT back).
 */
final class FakeRefreshGarmin implements RefreshGarmin {
  private final FakeGarmin fake;
  private final GarminClient client;
  private final Duration latency;

  private FakeRefreshGarmin(FakeGarmin fake, GarminClient client, Duration latency) {
    this.fake = fake;
    this.client = client;
    this.latency = latency;
  }

  static FakeRefreshGarmin start(Duration latency, Clock clock) {
    FakeGarmin fake =
        FakeGarmin.builder()
            .demoAccounts()
            .rotateRefreshTokens(false)
            .accessTokenLifetime(Duration.ofHours(1))
            .start();
    GarminClient client =
        GarminClient.builder()
            .endpoints(
                GarminEndpoints.custom(fake.ssoUrl(), fake.connectApiUrl(), fake.diAuthUrl()))
            .allowCustomEndpoints(true)
            .oauthConsumer(FakeGarmin.CONSUMER_KEY, Secret.of(FakeGarmin.CONSUMER_SECRET))
            .clock(clock)
            .build();
    return new FakeRefreshGarmin(fake, client, latency);
  }

  @Override
  public GarminAuthenticator authenticator() {
    return client;
  }

  /**
   * Signs the demo account in once (without latency) and stores its session for the first {@code
   * due} benchmark users, replacing whatever an earlier fork stored: that fork's FakeGarmin is
   * gone, and with it every token it issued.
   */
  @Override
  public void prepare(GarminAuthDatabase db, int stored, int due) {
    // Users that are never due need no session the fake knows.
    Seeder.ensure(db, stored, Instant.now().plus(Duration.ofDays(2)));
    fake.latency(Duration.ZERO);
    SignInOutcome outcome =
        client.signIn(FakeGarmin.DEMO_EMAIL, Secret.of(FakeGarmin.DEMO_PASSWORD));
    if (!(outcome instanceof SignInOutcome.SignedIn signedIn)) {
      throw new IllegalStateException("the demo account should sign in without MFA");
    }
    GarminCredentials session = signedIn.credentials();
    Instant now = Instant.now();
    for (int i = 0; i < due; i++) {
      GarminConnection current = db.connections().find(Seeder.user(i)).orElseThrow();
      try {
        db.connections().update(current.reconnected(session, Optional.empty(), now));
      } catch (StorageException e) {
        throw new IllegalStateException("storing the session failed: " + e.code(), e);
      }
    }
    fake.latency(latency);
  }

  @Override
  public void close() {
    fake.close();
  }
}
