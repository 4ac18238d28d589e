package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line without a database: help, version, usage and configuration errors. */
class MainTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  @Test
  void helpListsEveryCommand() {
    int code = Main.run(Map.of(), "--help");

    assertThat(code).isZero();
    assertThat(out()).contains("serve", "migrate", "rekey", "import-session", "status");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(Main.run(Map.of(), "--version")).isZero();
    assertThat(out()).startsWith("garmin-auth-server ");
  }

  @Test
  void badConfigurationExitsWith2AndOneLineNamingTheVariable() {
    int code = Main.run(Map.of("GARMIN_AUTH_PORT", "http"), "serve");

    assertThat(code).isEqualTo(Main.CONFIG_ERROR);
    assertThat(err().strip())
        .isEqualTo("configuration error: GARMIN_AUTH_PORT: must be a whole number (got 'http')");
  }

  @Test
  void badConfigurationStopsEveryCommandTheSameWay() {
    for (String[] args :
        new String[][] {{}, {"migrate"}, {"rekey"}, {"status", "user-1"}, {"serve", "--demo"}}) {
      assertThat(Main.run(Map.of("GARMIN_AUTH_GARMIN_DOMAIN", "example.org"), args))
          .as(String.join(" ", args))
          .isEqualTo(Main.CONFIG_ERROR);
    }
    assertThat(err()).contains("GARMIN_AUTH_GARMIN_DOMAIN: must be garmin.com or garmin.cn");
  }

  @Test
  void unknownCommandOrMissingUserIdIsAUsageError() {
    assertThat(Main.run(Map.of(), "frobnicate")).isEqualTo(Main.CONFIG_ERROR);
    assertThat(Main.run(Map.of(), "status")).isEqualTo(Main.CONFIG_ERROR);
    assertThat(err()).contains("Missing required parameter");
  }

  @Test
  void malformedUserIdIsRefusedBeforeTheDatabaseIsOpened() {
    int code = Main.run(Map.of(), "status", "bad user");

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("validation_failed: userId:");
  }
}
