package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.RekeyReport;
import java.time.Clock;
import java.util.Optional;

/** The real adapters behind the server and the one-shot commands. */
final class Backends {
  private Backends() {}

  /** For {@code serve}: migrated database, facade, sweeper (when enabled). */
  static Backend open(ServerConfig config, DataDirectory dataDir, ServerMetrics metrics) {
    return Adapters.open(config, dataDir, metrics, true, Clock.systemUTC());
  }

  static void migrate(ServerConfig config, DataDirectory dataDir) {
    try (GarminAuthDatabase db = Adapters.openDatabase(config, dataDir, Clock.systemUTC())) {
      db.migrate();
    }
  }

  static String rekey(ServerConfig config, DataDirectory dataDir, int batchSize) {
    try (GarminAuthDatabase db = Adapters.openDatabase(config, dataDir, Clock.systemUTC())) {
      db.migrate();
      RekeyReport r = db.rekey(batchSize);
      return "rekey with key "
          + r.activeKeyId()
          + ": "
          + r.connectionsResealed()
          + " connection(s) and "
          + r.challengesResealed()
          + " challenge(s) re-sealed, "
          + r.remaining()
          + " remaining"
          + (r.complete() ? " (complete)" : " (run rekey again)");
    }
  }

  static ConnectionSummary importSession(
      ServerConfig config,
      DataDirectory dataDir,
      UserId userId,
      Optional<String> format,
      String data) {
    try (Adapters adapters = oneShot(config, dataDir)) {
      return adapters.useCases().importer().importSession(userId, format, data);
    }
  }

  static Optional<ConnectionSummary> status(
      ServerConfig config, DataDirectory dataDir, UserId userId) {
    try (Adapters adapters = oneShot(config, dataDir)) {
      return adapters.auth().status(userId);
    }
  }

  private static Adapters oneShot(ServerConfig config, DataDirectory dataDir) {
    return Adapters.open(config, dataDir, AuthEventListener.NONE, false, Clock.systemUTC());
  }
}
