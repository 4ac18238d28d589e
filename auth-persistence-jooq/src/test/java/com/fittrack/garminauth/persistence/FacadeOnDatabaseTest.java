package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** {@link FacadeOnDatabaseContract} on H2 and on PostgreSQL. */
class FacadeOnDatabaseTest {

  @Nested
  class OnH2 extends FacadeOnDatabaseContract {
    private GarminAuthDatabase db;

    @Override
    GarminAuthDatabase database() {
      db = TestDatabases.migrated(DatabaseSettings.h2InMemory(), TestDatabases.KEYS);
      return db;
    }

    @AfterEach
    void close() {
      db.close();
    }
  }

  @Nested
  class OnPostgres extends FacadeOnDatabaseContract {
    private PostgresTestDatabase pg;
    private GarminAuthDatabase db;

    @Override
    GarminAuthDatabase database() {
      pg = PostgresTestDatabase.create();
      db = TestDatabases.migrated(TestDatabases.settings(pg), TestDatabases.KEYS);
      return db;
    }

    @AfterEach
    void close() {
      if (db != null) {
        db.close();
      }
      if (pg != null) {
        pg.close();
      }
    }
  }
}
