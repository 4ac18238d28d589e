package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --demo} on PostgreSQL, as README promises for a staging setup: the fake Garmin in
 * the process, the sessions in PostgreSQL, the admin key in the data directory.
 */
@Tag("integration")
class PostgresDemoTest {
  @RegisterExtension static final PostgresSchema PG = new PostgresSchema();
  @TempDir Path tmp;

  @Test
  void theDemoRunsOnPostgresAndSignsInWithMfa() throws Exception {
    Map<String, String> env = new HashMap<>(PG.serverEnvironment());
    env.put("GARMIN_AUTH_DATA_DIR", tmp.resolve("demo").toString());
    env.put("GARMIN_AUTH_PORT", "0");
    env.put("GARMIN_AUTH_SWEEPER_ENABLED", "false");

    try (GarminAuthServer server = GarminAuthServer.start(ServerConfig.forDemo(env))) {
      String key = Files.readString(tmp.resolve("demo").resolve("admin-api-key")).strip();
      ServerClient api = new ServerClient(server.port(), key);

      ServerClient.Reply started =
          api.login("runner-2", FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD);
      assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
      ServerClient.Reply done =
          api.mfa("runner-2", started.text("challengeId"), FakeGarmin.DEMO_MFA_CODE);
      assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
      ServerClient.Reply token = api.token("runner-2");
      assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
      assertThat(token.text("accessToken")).isNotBlank();
    }
    // the session is in PostgreSQL, not in an H2 file in the data directory
    assertThat(tmp.resolve("demo").resolve("garmin-auth.mv.db")).doesNotExist();
    assertThat(PG.database().jdbcUrl()).startsWith("jdbc:postgresql:");
  }
}
