package com.fittrack.garminauth.core.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * Who asks for a refresh lease, at what time, and until when they want to hold it. {@code holder}
 * is unique per attempt (not per process), so threads of one process compete like processes do.
 */
public record LeaseRequest(String holder, Instant now, Instant until) {
  public LeaseRequest {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(until, "until");
    if (holder.isBlank() || holder.length() > 64) {
      throw new IllegalArgumentException("holder must be 1-64 characters");
    }
    if (!until.isAfter(now)) {
      throw new IllegalArgumentException("a lease must end after it starts");
    }
  }
}
