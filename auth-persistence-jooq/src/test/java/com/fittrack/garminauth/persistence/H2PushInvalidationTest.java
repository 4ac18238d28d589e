package com.fittrack.garminauth.persistence;

/** Push invalidation on H2: the repositories of one process tell each other. */
class H2PushInvalidationTest extends PushInvalidationContract {
  private DatabaseSettings settings;

  @Override
  DatabaseSettings database() {
    settings = DatabaseSettings.h2InMemory();
    return settings;
  }

  @Override
  DatabaseSettings database2() {
    return settings;
  }

  @Override
  void dropDatabase() {
    // in memory: gone with its last connection
  }

  @Override
  void editSilently(String sql) {
    TestDatabases.execute(uncached, sql);
  }

  /** Inserts are not announced on H2 (no other process can have cached the new row). */
  @Override
  void awaitAnnounced(long writes) {}

  @Override
  String engine() {
    return "H2";
  }
}
