package com.fittrack.garminauth.server;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema for one test class (skipped loudly, or failed when required, without a
 * server), and the server settings that point at it.
 */
final class PostgresSchema implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private PostgresTestDatabase pg;

  @Override
  public void beforeAll(ExtensionContext context) {
    pg = PostgresTestDatabase.create();
  }

  /**
   * Each test starts its servers afresh, as on H2 (a new data directory per test): Garmin cooldowns
   * and sign-in counts that an earlier test left in the shared schema would otherwise hold it.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (pg == null) {
      return;
    }
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM garmin_cooldown");
      s.execute("DELETE FROM login_attempt");
    } catch (SQLException e) {
      // not migrated yet: nothing to forget
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (pg != null) {
      pg.close();
    }
  }

  PostgresTestDatabase database() {
    return pg;
  }

  /** GARMIN_AUTH_DB_* and the key ring every instance of this "deployment" shares. */
  Map<String, String> serverEnvironment() {
    return Map.of(
        "GARMIN_AUTH_DB_URL", pg.jdbcUrl(),
        "GARMIN_AUTH_DB_USER", pg.user(),
        "GARMIN_AUTH_DB_PASSWORD", pg.password(),
        // generated key files would differ between instances
        "GARMIN_AUTH_ENCRYPTION_KEYS", "e2e:" + "A".repeat(43) + "=");
  }
}
