package com.fittrack.garminauth.persistence;

import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/** Push invalidation on PostgreSQL: LISTEN/NOTIFY, a new schema per test. */
@Tag("integration")
class PostgresPushInvalidationTest extends PushInvalidationContract {
  private PostgresTestDatabase pg;

  @Override
  DatabaseSettings database() {
    pg = PostgresTestDatabase.create();
    return TestDatabases.settings(pg);
  }

  @Override
  DatabaseSettings database2() {
    return TestDatabases.settings(pg);
  }

  @Override
  void dropDatabase() {
    if (pg != null) {
      pg.close();
    }
  }

  /** With triggers off for this one session (replica role), so the edit sends no notification. */
  @Override
  void editSilently(String sql) {
    TestDatabases.execute(
        uncached, "SET session_replication_role = replica", sql, "RESET session_replication_role");
  }

  @Override
  void awaitAnnounced(long writes) {
    await().atMost(Duration.ofSeconds(10)).until(() -> here.changesReceived() >= writes);
  }

  @Override
  String engine() {
    return "PostgreSQL";
  }
}
