package com.fittrack.garminauth.core.application;

import java.time.Duration;

/**
 * How the proactive sweeper works: every {@code interval} it claims up to {@code batchSize}
 * connections whose token expires within {@code horizon}, and refreshes them with at most {@code
 * parallelism} Garmin calls at a time. After Garmin rate-limits it, it pauses for the Retry-After
 * Garmin gave, or {@code rateLimitPause}.
 */
public record SweepSettings(
    Duration horizon, Duration interval, int batchSize, int parallelism, Duration rateLimitPause) {

  public SweepSettings {
    for (Duration d : new Duration[] {horizon, interval, rateLimitPause}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("sweep durations must be positive");
      }
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism must be 1-256");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be 1-10000");
    }
  }

  /** Horizon 10 minutes, every 30 seconds, batches of 64, 4 at a time, 60 s pause on 429. */
  public static SweepSettings defaults() {
    return new SweepSettings(
        Duration.ofMinutes(10), Duration.ofSeconds(30), 64, 4, Duration.ofSeconds(60));
  }
}
