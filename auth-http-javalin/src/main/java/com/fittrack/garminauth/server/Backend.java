package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.http.UseCases;
import java.util.Map;

/**
 * What the HTTP server runs on: the use cases, wired to a database and a Garmin client, and the
 * checks the health and metrics routes read. Closing it stops the sweeper and closes the pool.
 */
interface Backend extends AutoCloseable {

  UseCases useCases();

  /** A cheap check that the database answers (for /health/ready). */
  boolean isReady();

  /** How this instance looks to Garmin (TLS stack, egress kind), for /health/ready and metrics. */
  default Map<String, String> garminIdentity() {
    return Map.of();
  }

  /** Stored sessions by status (for the sessions gauge). */
  Map<ConnectionStatus, Long> countByStatus();

  @Override
  void close();

  /** Opens a backend for a configuration; metrics listen to the core's events. */
  @FunctionalInterface
  interface Factory {
    Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics);
  }
}
