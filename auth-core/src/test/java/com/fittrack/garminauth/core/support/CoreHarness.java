package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.CooldownKeys;
import com.fittrack.garminauth.core.application.InProcessGarminCooldowns;
import com.fittrack.garminauth.core.application.Sleeper;
import com.fittrack.garminauth.core.application.UseCases;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The use cases wired to fresh test doubles; a test changes what it needs before wiring. */
public final class CoreHarness {
  public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  /** About the life of a Garmin DI access token (GARMIN-PROTOCOL.md: 75017 s seen). */
  public static final Duration GARMIN_TOKEN_LIFETIME = Duration.ofHours(21);

  public final MutableClock clock = new MutableClock(START);
  public final ClockSleeper sleeper = new ClockSleeper(clock);
  public final InMemoryConnections connections;
  public final InMemoryChallenges challenges = new InMemoryChallenges();
  public final ScriptedGarmin garmin = new ScriptedGarmin();
  public final RecordingListener events = new RecordingListener();
  public final InProcessGarminCooldowns cooldowns = new InProcessGarminCooldowns();

  public CoreHarness() {
    this(new InMemoryConnections());
  }

  public CoreHarness(InMemoryConnections connections) {
    this.connections = connections;
  }

  public UseCases useCases() {
    return useCases(AuthPolicy.defaults());
  }

  public UseCases useCases(AuthPolicy policy) {
    return useCases(policy, sleeper);
  }

  public UseCases useCases(AuthPolicy policy, Sleeper sleeper) {
    return new UseCases(
        connections,
        challenges,
        garmin,
        Optional.empty(),
        events,
        policy,
        clock,
        sleeper,
        new UseCases.Fleet(cooldowns, CooldownKeys.defaults(), Optional.empty()));
  }

  /**
   * Stores a connected session for {@code user}, signed in 21 hours ago, the lifetime of Garmin's
   * access tokens: a token that expires within the margin or horizon is then in the last tenth of
   * its lifetime, as Garmin's tokens are by the time they are due, so margin and horizon apply
   * unbounded ({@link GarminConnection#effectiveMargin}).
   */
  public GarminConnection connected(UserId user, GarminCredentials credentials) {
    return connectedAt(user, credentials, clock.instant().minus(GARMIN_TOKEN_LIFETIME));
  }

  /** Stores a connected session for {@code user} signed in at {@code at}. */
  public GarminConnection connectedAt(UserId user, GarminCredentials credentials, Instant at) {
    return connections.insert(GarminConnection.connect(user, credentials, Optional.empty(), at));
  }

  public GarminConnection stored(UserId user) {
    return connections.find(user).orElseThrow(() -> new AssertionError("no connection: " + user));
  }
}
