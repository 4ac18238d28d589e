package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  @Test
  void neverPrintsThePassword() {
    DatabaseSettings s =
        DatabaseSettings.postgres("jdbc:postgresql://db/auth?password=hunter2", "auth", "hunter2");

    assertThat(s.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db/auth");
  }

  @Test
  void h2FileLivesUnderTheDataDirectoryInPostgresMode() {
    DatabaseSettings s = DatabaseSettings.h2File(Path.of("/var/lib/garmin-auth"));

    assertThat(s.jdbcUrl())
        .startsWith("jdbc:h2:file:/var/lib/garmin-auth/garmin-auth;MODE=PostgreSQL");
  }

  @Test
  void rejectsOtherDatabasesAndSillyPoolSizes() {
    assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://x/y", "u", "p", 5))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("jdbcUrl"));
    assertThatThrownBy(() -> DatabaseSettings.postgres("jdbc:h2:mem:x", "u", "p"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> DatabaseSettings.h2InMemory().withMaxPoolSize(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxPoolSize"));
  }

  @Test
  void theNearCacheIsOnByDefaultAndBounded() {
    assertThat(DatabaseSettings.h2InMemory().nearCacheSize())
        .isEqualTo(DatabaseSettings.DEFAULT_NEAR_CACHE_SIZE);
    assertThat(DatabaseSettings.h2InMemory().withNearCacheSize(0).nearCacheSize()).isZero();
    assertThatThrownBy(() -> DatabaseSettings.h2InMemory().withNearCacheSize(-1))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("nearCacheSize"));
    assertThatThrownBy(
            () ->
                DatabaseSettings.h2InMemory()
                    .withNearCacheSize(DatabaseSettings.MAX_NEAR_CACHE_SIZE + 1))
        .isInstanceOf(ValidationException.class);
  }
}
