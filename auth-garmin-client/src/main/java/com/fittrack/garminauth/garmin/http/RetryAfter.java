package com.fittrack.garminauth.garmin.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delta seconds or an HTTP date (RFC 9110, 10.2.3). */
public final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(24);

  private RetryAfter() {}

  public static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(capped(Duration.ofSeconds(seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : capped(d));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration capped(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
