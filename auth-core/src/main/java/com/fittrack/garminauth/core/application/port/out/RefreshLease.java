package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.GarminConnection;
import java.time.Instant;
import java.util.Objects;

/** A won refresh lease: the right, until {@code until}, to refresh {@code connection}. */
public record RefreshLease(String holder, Instant until, GarminConnection connection) {
  public RefreshLease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(connection, "connection");
  }
}
