package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.contract.EventOutboxContract;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The outbox contract on H2 (unit) and on PostgreSQL (integration), with a clock it moves. */
class EventOutboxContractsTest {
  private static final TestClock CLOCK = new TestClock(EventOutboxContractsTest.Base.START);

  abstract static class Base extends EventOutboxContract {
    static final java.time.Instant START = T0;

    abstract GarminAuthDatabase db();

    @Override
    protected Adapters newAdapters() {
      GarminAuthDatabase db = db();
      emptyOutbox(db);
      db.reportRefreshFailingAfter(FAILING_AFTER);
      return new Adapters(db.connections(), db.directory(), db.events());
    }

    @Override
    protected TestClock clock() {
      return CLOCK;
    }
  }

  static GarminAuthDatabase open(DatabaseSettings settings) {
    GarminAuthDatabase db = GarminAuthDatabase.open(settings, TestDatabases.KEYS, CLOCK);
    db.migrate();
    return db;
  }

  static void emptyOutbox(GarminAuthDatabase db) {
    TestDatabases.empty(db);
    TestDatabases.execute(
        db,
        "DELETE FROM connection_event",
        "DELETE FROM connection_event_stream",
        "DELETE FROM webhook_delivery",
        "DELETE FROM webhook_cursor");
  }

  @Nested
  class OnH2 extends Base {
    private static GarminAuthDatabase h2;

    @BeforeAll
    static void openH2() {
      h2 = open(DatabaseSettings.h2InMemory().withMaxPoolSize(16));
    }

    @AfterAll
    static void closeH2() {
      h2.close();
    }

    @Override
    GarminAuthDatabase db() {
      return h2;
    }
  }

  @Nested
  @Tag("integration")
  class OnPostgres extends Base {
    private static PostgresTestDatabase pg;
    private static GarminAuthDatabase db;

    @BeforeAll
    static void openPostgres() {
      pg = PostgresTestDatabase.create();
      db = open(TestDatabases.settings(pg).withMaxPoolSize(16));
    }

    @AfterAll
    static void closePostgres() {
      if (db != null) {
        db.close();
      }
      if (pg != null) {
        pg.close();
      }
    }

    @Override
    GarminAuthDatabase db() {
      return db;
    }
  }
}
