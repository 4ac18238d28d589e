package com.fittrack.garminauth.server;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every error code end to end, on PostgreSQL (a schema of its own). */
class PostgresServerErrorsTest extends ServerErrorsContract {
  static PostgresTestDatabase pg;

  @BeforeAll
  static void createSchema() {
    pg = PostgresTestDatabase.create();
  }

  @AfterAll
  static void dropSchema() {
    if (pg != null) {
      pg.close();
    }
  }

  @Override
  Map<String, String> databaseEnv() {
    return PostgresServerEndToEndTest.environment(pg);
  }
}
