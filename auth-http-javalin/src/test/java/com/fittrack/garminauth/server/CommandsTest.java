package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot commands on the embedded database: migrate, import-session, status, rekey. */
@Tag("integration")
class CommandsTest {
  @TempDir Path tmp;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private int run(String... args) {
    console.reset();
    return Main.run(Map.of("GARMIN_AUTH_DATA_DIR", tmp.resolve("data").toString()), args);
  }

  @Test
  void importsASessionFileAndReportsItsStatusWithoutTheToken() throws Exception {
    String jwt = ServerEndToEndBase.fakeJwt(Instant.now().plus(Duration.ofHours(2)));
    Path file = tmp.resolve("garminconnect.json");
    Files.writeString(
        file,
        "{\"di_token\":\""
            + jwt
            + "\",\"di_refresh_token\":\"refresh-xyz\","
            + "\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}");

    assertThat(run("migrate")).isZero();
    assertThat(run("status", "user-7")).isEqualTo(1);
    assertThat(console.err()).contains("not_connected");

    assertThat(
            run("import-session", "user-7", "--format", "garminconnect", "--file", file.toString()))
        .as(console.err())
        .isZero();
    assertThat(console.out()).contains("\"credentialType\" : \"DI_OAUTH2\"");

    assertThat(run("status", "user-7")).isZero();
    String status = console.out();
    assertThat(status).contains("\"status\" : \"CONNECTED\"");
    assertThat(status).doesNotContain(jwt).doesNotContain("refresh-xyz");
  }

  @Test
  void malformedSessionFileIsRefusedNamingTheField() throws Exception {
    Path file = tmp.resolve("bad.json");
    Files.writeString(file, "{\"di_token\":\"not-a-jwt\",\"di_refresh_token\":\"r\"}");

    assertThat(run("import-session", "user-8", "--file", file.toString())).isEqualTo(1);
    assertThat(console.err()).startsWith("validation_failed: di_token").doesNotContain("not-a-jwt");
  }

  @Test
  void rekeyReportsWhatItResealed() {
    assertThat(run("rekey", "--batch-size", "50")).isZero();
    assertThat(console.out()).contains("0 remaining (complete)");
  }
}
