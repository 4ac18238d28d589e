package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.in.CallGarminConnect;
import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.http.FeedUseCases;
import com.fittrack.garminauth.http.UseCases;
import java.util.Map;
import java.util.Optional;

/**
 * What the HTTP server runs on: the use cases, wired to a database and a Garmin client, and the
 * checks the health and metrics routes read. Closing it stops the sweeper and closes the pool.
 */
interface Backend extends AutoCloseable {

  UseCases useCases();

  /** The connection listing and the event feed (issue 15); absent backends answer 500. */
  default FeedUseCases feeds() {
    return FeedUseCases.unavailable();
  }

  /** A cheap check that the database answers (for /health/ready). */
  boolean isReady();

  /** How this instance looks to Garmin (TLS stack, egress kind), for /health/ready and metrics. */
  default Map<String, String> garminIdentity() {
    return Map.of();
  }

  /** Stored sessions by status (for the sessions gauge). */
  Map<ConnectionStatus, Long> countByStatus();

  /** The Garmin Connect proxy's use case (none: its routes answer 404). */
  default Optional<CallGarminConnect> garminCalls() {
    return Optional.empty();
  }

  /** Token reads served from the near cache while the database was unreachable (a counter). */
  default long degradedReads() {
    return 0;
  }

  /** Where sign-in attempts are counted, shared by every instance (empty: per process). */
  default Optional<LoginAttemptStore> loginAttempts() {
    return Optional.empty();
  }

  /** Garmin's pushbacks as every instance sees them (empty: none kept). */
  default Optional<ManageGarminCooldowns> cooldowns() {
    return Optional.empty();
  }

  @Override
  void close();

  /** Opens a backend for a configuration; metrics listen to the core's events. */
  @FunctionalInterface
  interface Factory {
    Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics);
  }
}
