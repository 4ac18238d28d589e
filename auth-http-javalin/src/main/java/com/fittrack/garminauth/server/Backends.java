package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.domain.UserId;
import java.util.Optional;

/** Wires the real adapters (database, Garmin client, core facade) for a configuration. */
final class Backends {
  private static final String NOT_YET =
      "the database and Garmin client adapters are not wired yet (waiting for"
          + " auth-persistence-jooq and auth-garmin-client)";

  private Backends() {}

  static Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics) {
    throw new IllegalStateException(NOT_YET);
  }

  static void migrate(ServerConfig config, DataDirectory dataDir) {
    throw new IllegalStateException(NOT_YET);
  }

  static String rekey(ServerConfig config, DataDirectory dataDir, int batchSize) {
    throw new IllegalStateException(NOT_YET);
  }

  static ConnectionSummary importSession(
      ServerConfig config,
      DataDirectory dataDir,
      UserId userId,
      Optional<String> format,
      String data) {
    throw new IllegalStateException(NOT_YET);
  }

  static Optional<ConnectionSummary> status(
      ServerConfig config, DataDirectory dataDir, UserId userId) {
    throw new IllegalStateException(NOT_YET);
  }
}
