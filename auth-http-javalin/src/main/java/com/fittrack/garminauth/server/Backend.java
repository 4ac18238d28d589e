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

  /** Stored sessions by status (for the sessions gauge). */
  Map<ConnectionStatus, Long> countByStatus();

  /** Token reads served from the near cache while the database was unreachable (a counter). */
  default long degradedReads() {
    return 0;
  }

  @Override
  void close();

  /** Opens a backend for a configuration; metrics listen to the core's events. */
  @FunctionalInterface
  interface Factory {
    Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics);
  }
}
