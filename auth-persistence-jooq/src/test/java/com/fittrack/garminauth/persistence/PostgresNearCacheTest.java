package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.Tag;

/** The near cache on PostgreSQL, a new schema per test. */
@Tag("integration")
class PostgresNearCacheTest extends NearCacheContract {
  private PostgresTestDatabase pg;

  @Override
  DatabaseSettings database() {
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
