package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.GarminConnection;
import java.time.Instant;
import java.util.Objects;

/**
 * A won refresh lease: the right, until {@code until}, to refresh {@code connection}. {@code
 * tookOverExpiredLease} is true when the lease was taken from a holder whose lease ran out without
 * completing: that holder may have spent the refresh token, so an {@code invalid_grant} now most
 * likely means the token was reused rather than revoked.
 */
public record RefreshLease(
    String holder, Instant until, GarminConnection connection, boolean tookOverExpiredLease) {
  public RefreshLease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(connection, "connection");
  }

  /** A lease on a connection nobody else was refreshing. */
  public RefreshLease(String holder, Instant until, GarminConnection connection) {
    this(holder, until, connection, false);
  }
}
