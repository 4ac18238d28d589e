package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.resource.LoadableResource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationScriptsTest {
  private static final Path RESOURCES = Path.of("src/main/resources");
  private final ClassLoader loader = MigrationScriptsTest.class.getClassLoader();

  @Test
  void theIndexListsExactlyTheScriptsInTheSourceTree() throws IOException {
    List<String> onDisk;
    try (Stream<Path> files = Files.walk(RESOURCES.resolve("db"))) {
      onDisk =
          files
              .filter(f -> f.toString().endsWith(".sql"))
              .map(f -> RESOURCES.relativize(f).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }

    assertThat(onDisk).isNotEmpty();
    assertThat(MigrationScripts.index(loader)).containsExactlyInAnyOrderElementsOf(onDisk);
  }

  @Test
  void givesFlywayTheScriptsOfTheAskedLocationsOnlyNamedAsItsScanNamedThem() throws IOException {
    MigrationScripts h2 = MigrationScripts.in(loader, "db/migration");
    MigrationScripts postgres = MigrationScripts.in(loader, "db/migration", "db/postgresql");

    assertThat(h2.getResources("V", new String[] {".sql"}))
        .extracting(LoadableResource::getFilename)
        .contains("V1__connections_challenges_login_attempts.sql")
        .noneMatch(name -> name.startsWith("V7__"));
    assertThat(postgres.getResources("V", new String[] {".sql"}))
        .extracting(LoadableResource::getRelativePath)
        .contains("V7__notify_connection_changes.sql");
    assertThat(postgres.getResources("R", new String[] {".sql"})).isEmpty();

    LoadableResource v1 = h2.getResource("V1__connections_challenges_login_attempts.sql");
    assertThat(v1.getAbsolutePath())
        .isEqualTo("db/migration/V1__connections_challenges_login_attempts.sql");
    try (Reader text = v1.read()) {
      char[] start = new char[4096];
      int read = text.read(start);
      assertThat(new String(start, 0, read)).containsIgnoringCase("create table");
    }
  }

  @Test
  void theIndexedChecksumsAreTheOnesFlywayComputesForTheScripts() {
    // a private in-memory database: Flyway only reads the scripts to report them as pending
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:");
    Map<String, Integer> flyways =
        Arrays.stream(
                GarminAuthDatabase.configureFlyway(empty, SQLDialect.POSTGRES).info().pending())
            .collect(Collectors.toMap(MigrationInfo::getScript, MigrationInfo::getChecksum));
    Map<String, Integer> indexed =
        MigrationScripts.entries(loader, "db/migration", "db/postgresql").stream()
            .collect(
                Collectors.toMap(
                    MigrationScripts.Indexed::script, MigrationScripts.Indexed::checksum));

    assertThat(flyways).hasSize(MigrationScripts.index(loader).size());
    assertThat(indexed)
        .as("checksums in %s (an applied script must never change)", MigrationScripts.INDEX)
        .isEqualTo(flyways);
  }

  @Test
  void anIndexLineWithoutAChecksumIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
    try (URLClassLoader only = onlyAnIndex(dir, "db/migration/V1__first.sql\n")) {
      assertThatThrownBy(() -> MigrationScripts.index(only))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("db/migration/V1__first.sql")
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void anIndexNamingAScriptThatIsNotThereIsRefusedAtOnce(@TempDir Path dir) throws IOException {
    try (URLClassLoader only =
        onlyAnIndex(dir, "# one script\ndb/migration/V9__gone.sql 12345\n")) {
      assertThatThrownBy(() -> MigrationScripts.in(only, "db/migration"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("V9__gone.sql");
    }
  }

  /**
   * A class loader that holds nothing but an index with {@code text}, written under {@code dir}.
   */
  private static URLClassLoader onlyAnIndex(Path dir, String text) throws IOException {
    Path index = dir.resolve(MigrationScripts.INDEX);
    Files.createDirectories(index.getParent());
    Files.writeString(index, text);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }
}
