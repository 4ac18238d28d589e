package com.fittrack.garminauth.garmin.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, size caps and retry bounds of every Garmin call. The defaults keep one call under 10
 * seconds and a retried call under 20, well inside the 30-second refresh lease: a holder whose
 * lease runs out while Garmin is still answering could let another worker present the same rotating
 * refresh token.
 */
public record Transport(
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxBodyBytes,
    int maxAttempts,
    Duration backoffBase,
    Duration maxBackoff,
    Duration retryBudget) {

  public Transport {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(retryBudget, "retryBudget");
    if (callTimeout.isZero() || callTimeout.isNegative() || callTimeout.toSeconds() >= 30) {
      throw new IllegalArgumentException("callTimeout must be positive and under 30 seconds");
    }
    if (maxBodyBytes < 1024 || maxAttempts < 1 || maxAttempts > 5) {
      throw new IllegalArgumentException("maxBodyBytes >= 1024 and maxAttempts 1-5 required");
    }
  }

  public static Transport defaults() {
    return new Transport(
        Duration.ofSeconds(5),
        Duration.ofSeconds(8),
        Duration.ofSeconds(10),
        512 * 1024,
        3,
        Duration.ofMillis(250),
        Duration.ofSeconds(2),
        Duration.ofSeconds(20));
  }

  /** The same settings with other timeouts (tests use short ones). */
  public Transport withTimeouts(Duration connect, Duration read, Duration call) {
    return new Transport(
        connect, read, call, maxBodyBytes, maxAttempts, backoffBase, maxBackoff, retryBudget);
  }

  /** The same settings with another retry shape. */
  public Transport withRetries(int attempts, Duration base, Duration max) {
    return new Transport(
        connectTimeout, readTimeout, callTimeout, maxBodyBytes, attempts, base, max, retryBudget);
  }
}
