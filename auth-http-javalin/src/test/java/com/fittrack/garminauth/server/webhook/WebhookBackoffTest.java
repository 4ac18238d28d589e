package com.fittrack.garminauth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.persistence.WebhookDeliveries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The retry schedule: doubling from 5 s with jitter, capped at 1 h, given up after 24 h. */
class WebhookBackoffTest {
  private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");

  private final WebhookDispatcher dispatcher =
      new WebhookDispatcher(
          new UnusedDeliveries(),
          WebhookSettings.defaults(
              List.of(
                  new WebhookEndpoint(
                      "fittrack",
                      URI.create("https://fittrack.example/h"),
                      WebhookSecret.parse(WebhookSignerTest.SPEC_SECRET)))),
          e -> "{}",
          Clock.systemUTC(),
          new SimpleMeterRegistry());

  private static WebhookDeliveries.Claimed attempt(int attemptsBefore, Instant createdAt) {
    return new WebhookDeliveries.Claimed(
        "fittrack", 1, "evt_1", "user-1", "{}", attemptsBefore, createdAt, "me");
  }

  @RepeatedTest(20)
  void waitsBetweenHalfAndAllOfADoublingBackoff() {
    for (int attempts = 0; attempts < 12; attempts++) {
      Duration full = Duration.ofSeconds(5).multipliedBy(1L << attempts);
      if (full.compareTo(Duration.ofHours(1)) > 0) {
        full = Duration.ofHours(1);
      }
      Instant next = dispatcher.retryAt(attempt(attempts, T0), T0).orElseThrow();

      assertThat(Duration.between(T0, next)).isBetween(full.dividedBy(2), full);
    }
  }

  @Test
  void givesUpWhenTheNextAttemptWouldBeMoreThanADayAfterTheEvent() {
    Instant late = T0.plus(Duration.ofHours(24));

    assertThat(dispatcher.retryAt(attempt(40, T0), late)).isEmpty();
    assertThat(dispatcher.retryAt(attempt(40, T0), T0.plus(Duration.ofHours(22)))).isPresent();
  }

  /** The schedule touches no storage. */
  private static final class UnusedDeliveries implements WebhookDeliveries {
    @Override
    public int plan(
        String endpointId,
        int batch,
        java.util.function.Function<com.fittrack.garminauth.core.domain.ConnectionEvent, String>
            body) {
      throw new AssertionError("unused");
    }

    @Override
    public List<Claimed> claim(String holder, Instant now, Duration lease, int limit) {
      throw new AssertionError("unused");
    }

    @Override
    public boolean delivered(Claimed claimed, Instant now) {
      throw new AssertionError("unused");
    }

    @Override
    public boolean failed(Claimed claimed, Optional<Instant> retryAt, String error, Instant now) {
      throw new AssertionError("unused");
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
      throw new AssertionError("unused");
    }

    @Override
    public boolean redeliver(String endpointId, long position, Instant now) {
      throw new AssertionError("unused");
    }

    @Override
    public java.util.Map<String, Long> countByState() {
      throw new AssertionError("unused");
    }

    @Override
    public Optional<Instant> oldestPending() {
      throw new AssertionError("unused");
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
      throw new AssertionError("unused");
    }
  }
}
