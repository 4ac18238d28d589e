package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help on every command, and the warnings that need no database. */
class CommandLineHelpTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private int run(Map<String, String> env, String... args) {
    console.reset();
    return Main.run(env, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "migrate", "rekey", "import-session", "status"})
  void everySubcommandAnswersHelp(String command) {
    assertThat(run(Map.of(), command, "--help")).as(console.err()).isZero();
    assertThat(console.out()).contains("Usage: garmin-auth-server " + command).contains("--help");
    assertThat(console.err()).doesNotContain("Unknown option");

    assertThat(run(Map.of(), "help", command)).isZero();
    assertThat(console.out()).contains("Usage: garmin-auth-server " + command);
  }

  @Test
  void helpListsTheCommandsIncludingHelp() {
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(console.out()).contains("serve", "status", "help");
  }

  @Test
  void aSubcommandAnswersTheVersion() {
    assertThat(run(Map.of(), "status", "--version")).isZero();
    assertThat(console.out()).startsWith("garmin-auth-server ");
  }

  @Test
  void everyCommandWarnsAboutAnUnknownGarminAuthVariable() {
    // rekey refuses the batch size before it opens anything: the warning comes first regardless
    int code =
        run(
            Map.of("GARMIN_AUTH_PROT", "7071", "GARMIN_AUTH_PORT", "7070"),
            "rekey",
            "--batch-size",
            "0");

    assertThat(code).isEqualTo(Main.CONFIG_ERROR);
    assertThat(console.err())
        .contains("warning: GARMIN_AUTH_PROT is not a garmin-auth setting")
        .doesNotContain("GARMIN_AUTH_PORT is not");
  }

  @Test
  void theStartLineNamesTheDatabaseWithoutCredentials() {
    assertThat(
            StartLine.withoutCredentials(
                "jdbc:postgresql://app:s3cret@db:5432/fit?password=p&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/fit");
    assertThat(StartLine.withoutCredentials("jdbc:h2:file:/data/x;PASSWORD=p"))
        .isEqualTo("jdbc:h2:file:/data/x");

    ServerConfig pg =
        ServerConfig.fromEnvironment(
            Map.of(
                "GARMIN_AUTH_DB_URL", "jdbc:postgresql://db:5432/fit?user=app&password=hunter2",
                "GARMIN_AUTH_DB_PASSWORD", "hunter3"));
    assertThat(StartLine.database(pg, new DataDirectory(pg.dataDir())))
        .startsWith("database jdbc:postgresql://db:5432/fit,")
        .doesNotContain("hunter");

    ServerConfig h2 = ServerConfig.fromEnvironment(Map.of());
    assertThat(StartLine.database(h2, new DataDirectory(h2.dataDir())))
        .startsWith("embedded H2 database ")
        .contains("garmin-auth.mv.db");
  }
}
