package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarminAuthDatabaseTest {
  private static final Instant T0 = TestDatabases.CLOCK.instant();

  @Test
  void anEmbeddedH2FileKeepsSessionsAcrossRestartsWithItsKeyFile(@TempDir Path dataDir) {
    Path keyFile = dataDir.resolve("garmin-auth.key");
    GarminConnection stored;
    try (GarminAuthDatabase db =
        TestDatabases.migrated(DatabaseSettings.h2File(dataDir), KeyRing.loadOrCreate(keyFile))) {
      assertThat(db.isReady()).isTrue();
      stored =
          db.connections()
              .insert(SampleSessions.connected(UserId.of("u1"), T0, T0.plusSeconds(60)));
    }

    try (GarminAuthDatabase reopened =
        GarminAuthDatabase.open(DatabaseSettings.h2File(dataDir), KeyRing.loadOrCreate(keyFile))) {
      reopened.migrate(); // a second migrate is a no-op
      assertThat(reopened.connections().find(UserId.of("u1"))).contains(stored);
    }
  }

  @Test
  void openDoesNotMigrate() {
    try (GarminAuthDatabase db =
        GarminAuthDatabase.open(DatabaseSettings.h2InMemory(), TestDatabases.KEYS)) {
      assertThat(db.schemaIsCurrent()).isFalse();
      assertThatThrownBy(() -> db.connections().find(UserId.of("u1")))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
    }
  }

  @Test
  void anUnreachableDatabaseIsAStartupErrorThatHidesThePassword() {
    DatabaseSettings nowhere =
        new DatabaseSettings(
            "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "pw-123", 1);

    assertThatThrownBy(() -> GarminAuthDatabase.open(nowhere, TestDatabases.KEYS))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
              assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("pw-123");
            });
  }
}
