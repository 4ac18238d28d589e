package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end suite on PostgreSQL, plus what only a shared database allows. */
class PostgresServerEndToEndTest extends ServerFlowsContract {
  @RegisterExtension static final PostgresSchema PG = new PostgresSchema();

  @Override
  Map<String, String> databaseEnv() {
    return PG.serverEnvironment();
  }

  @Test
  void aDatabaseFailureIsStorageUnavailableAndTheSessionSurvivesIt() throws Exception {
    ServerClient api = client(startServer(Map.of()));
    String user = newUser();
    connectPlain(api, user);

    try (Connection c = PG.database().connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE garmin_connection RENAME TO garmin_connection_away");
      try {
        assertProblem(api.token(user), 503, "storage_unavailable");
        assertThat(api.token(user).body().path("retryable").asBoolean()).isTrue();
      } finally {
        s.execute("ALTER TABLE garmin_connection_away RENAME TO garmin_connection");
      }
    }

    assertThat(api.token(user).status()).isEqualTo(200);
  }

  @Test
  void aSecondInstanceCompletesAnMfaTheFirstStarted() throws Exception {
    ServerClient first = client(startServer(Map.of()));
    ServerClient second = client(startServer(Map.of()));
    String user = newUser();
    String challenge = startMfa(first, user);

    ServerClient.Reply done = second.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE);

    assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
    assertThat(first.token(user).status()).isEqualTo(200);
    assertThat(second.status(user).text("status")).isEqualTo("CONNECTED");
  }
}
