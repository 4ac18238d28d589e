package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.testkit.contract.ChallengeRepositoryContract;
import com.fittrack.garminauth.testkit.contract.ConnectionRepositoryContract;
import com.fittrack.garminauth.testkit.contract.GarminCooldownsContract;
import com.fittrack.garminauth.testkit.contract.LoginAttemptStoreContract;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The repository contracts on PostgreSQL, in a schema of this run's own. */
@Tag("integration")
class PostgresRepositoryContractsTest {
  private static PostgresTestDatabase pg;
  private static GarminAuthDatabase db;

  @BeforeAll
  static void open() {
    pg = PostgresTestDatabase.create();
    db = TestDatabases.migrated(TestDatabases.settings(pg).withMaxPoolSize(16), TestDatabases.KEYS);
  }

  @AfterAll
  static void close() {
    if (db != null) {
      db.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Nested
  class Connections extends ConnectionRepositoryContract {
    @Override
    protected ConnectionRepository newRepository() {
      TestDatabases.empty(db);
      return db.connections();
    }
  }

  @Nested
  class Challenges extends ChallengeRepositoryContract {
    @Override
    protected ChallengeRepository newRepository() {
      TestDatabases.empty(db);
      return db.challenges();
    }
  }

  @Nested
  class LoginAttempts extends LoginAttemptStoreContract {
    @Override
    protected LoginAttemptStore newStore() {
      TestDatabases.empty(db);
      return db.loginAttempts();
    }
  }

  @Nested
  class Cooldowns extends GarminCooldownsContract {
    @Override
    protected GarminCooldowns newStore() {
      return db.cooldowns();
    }
  }
}
