package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.application.port.out.GarminAuthenticator;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Garmin that the refresh benchmark talks to, and how it puts sessions into the database that
 * this Garmin will honour.
 */
interface RefreshGarmin extends AutoCloseable {

  static RefreshGarmin start(String kind, Duration latency, Clock clock) {
    return switch (kind) {
      case "stub" -> new Stub(new SleepingGarmin(latency, clock));
      case "fake" -> FakeRefreshGarmin.start(latency, clock);
      default -> throw new IllegalArgumentException("unknown garmin " + kind);
    };
  }

  GarminAuthenticator authenticator();

  /**
   * Makes sure users {@code 0..stored-1} are stored, the first {@code due} of them with sessions
   * this Garmin will refresh.
   */
  void prepare(GarminAuthDatabase db, int stored, int due);

  @Override
  void close();

  /** {@link SleepingGarmin} refreshes any DI session, so the seeded ones do. */
  record Stub(SleepingGarmin garmin) implements RefreshGarmin {
    @Override
    public GarminAuthenticator authenticator() {
      return garmin;
    }

    @Override
    public void prepare(GarminAuthDatabase db, int stored, int due) {
      Seeder.ensure(db, stored, Instant.now().plus(Duration.ofDays(2)));
    }

    @Override
    public void close() {}
  }
}
