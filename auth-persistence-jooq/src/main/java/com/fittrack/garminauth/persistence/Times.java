package com.fittrack.garminauth.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Instants to and from TIMESTAMP WITH TIME ZONE columns (kept to the microsecond). */
final class Times {
  private Times() {}

  static OffsetDateTime db(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static OffsetDateTime db(Optional<Instant> instant) {
    return instant.map(Times::db).orElse(null);
  }

  static Instant instant(OffsetDateTime value) {
    return value.toInstant();
  }

  static Optional<Instant> optional(OffsetDateTime value) {
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }
}
