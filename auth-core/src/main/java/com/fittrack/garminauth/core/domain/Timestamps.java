package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Every instant the domain keeps is whole microseconds. PostgreSQL and H2 store microseconds, while
 * a JDK clock may give nanoseconds: without this, the process that wrote a connection would answer
 * {@code ...39.133188843Z} and every other process, reading the row, {@code ...39.133188Z}. Domain
 * values truncate in their constructors, so every instance and every answer agree.
 *
 * <pre>{@code
 * Timestamps.micros(Instant.parse("2026-11-30T10:15:39.133188843Z")); // 2026-11-30T10:15:39.133188Z
 * }</pre>
 */
public final class Timestamps {
  private Timestamps() {}

  /** {@code instant} truncated to whole microseconds (towards the past). */
  public static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The same, inside an optional. */
  public static Optional<Instant> micros(Optional<Instant> instant) {
    return instant == null ? null : instant.map(Timestamps::micros);
  }
}
