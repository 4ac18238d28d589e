package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.Tag;

/** Encryption at rest and failure typing on PostgreSQL, a new schema per test. */
@Tag("integration")
class PostgresAtRestTest extends AtRestContract {
  private PostgresTestDatabase pg;

  @Override
  DatabaseSettings freshDatabase() {
    pg = PostgresTestDatabase.create();
    return TestDatabases.settings(pg);
  }

  @Override
  void dropDatabase() {
    if (pg != null) {
      pg.close();
    }
  }
}
