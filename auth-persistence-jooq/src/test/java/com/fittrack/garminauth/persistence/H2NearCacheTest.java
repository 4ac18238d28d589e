package com.fittrack.garminauth.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The near cache on H2: three pools on one in-memory database. */
class H2NearCacheTest extends NearCacheContract {
  private DatabaseSettings settings;

  @Override
  DatabaseSettings database() {
    settings = DatabaseSettings.h2InMemory();
    return settings;
  }

  /** The database outlives its pools (DB_CLOSE_DELAY=-1) until it is shut down. */
  @Override
  void dropDatabase() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }
}
