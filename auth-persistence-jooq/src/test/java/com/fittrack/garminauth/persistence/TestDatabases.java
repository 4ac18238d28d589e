package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Opens migrated test databases and empties them between tests. */
final class TestDatabases {
  /** The key every contract test seals with. */
  static final KeyRing KEYS = KeyRing.parse(KeyRing.generateKeySpec());

  static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T08:00:00Z"), ZoneOffset.UTC);

  private TestDatabases() {}

  static GarminAuthDatabase migrated(DatabaseSettings settings, KeyRing keys) {
    GarminAuthDatabase db = GarminAuthDatabase.open(settings, keys, CLOCK);
    db.migrate();
    return db;
  }

  static DatabaseSettings settings(PostgresTestDatabase pg) {
    return DatabaseSettings.postgres(pg.jdbcUrl(), pg.user(), pg.password());
  }

  /** Deletes every connection, challenge and counted attempt. */
  static void empty(GarminAuthDatabase db) {
    execute(
        db,
        "DELETE FROM garmin_connection",
        "DELETE FROM mfa_challenge",
        "DELETE FROM login_attempt");
  }

  static void execute(GarminAuthDatabase db, String... statements) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
