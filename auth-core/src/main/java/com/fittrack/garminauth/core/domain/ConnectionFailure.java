package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;

/** The last thing that went wrong with a connection: a machine-readable code and when. */
public record ConnectionFailure(String code, Instant at) {
  public ConnectionFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(at, "at");
    at = Timestamps.micros(at);
  }
}
