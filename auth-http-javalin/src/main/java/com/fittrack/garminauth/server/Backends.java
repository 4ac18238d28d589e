package com.fittrack.garminauth.server;

/** Wires the real adapters (database, Garmin client, core facade) for a configuration. */
final class Backends {
  private Backends() {}

  static Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics) {
    throw new IllegalStateException(
        "the database and Garmin client adapters are not wired yet (waiting for"
            + " auth-persistence-jooq and auth-garmin-client)");
  }
}
