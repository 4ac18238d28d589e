package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 14's regression tests on PostgreSQL, plus what needs a database we can reach into. */
class PostgresServerHardeningTest extends ServerHardeningContract {
  @RegisterExtension static final PostgresSchema PG = new PostgresSchema();

  @Override
  Map<String, String> databaseEnv() {
    return PG.serverEnvironment();
  }

  @Test
  void anUnreadableStoredValueTellsTheCallerTheCodeAndUserButNoInternalNames() throws Exception {
    ServerClient api = client(startServer(Map.of()));
    String victimA = newUser();
    String victimB = newUser();
    connectPlain(api, victimA);
    connectPlain(api, victimB);
    try (Connection c = PG.database().connect();
        Statement s = c.createStatement()) {
      // a sealed value moved to another user's row: bound to its owner, it must not open
      s.execute(
          "UPDATE garmin_connection SET access_token_sealed = (SELECT access_token_sealed FROM"
              + " garmin_connection WHERE user_id = '"
              + victimA
              + "') WHERE user_id = '"
              + victimB
              + "'");
    }
    // a fresh instance: nothing of victimB's row is cached anywhere
    ServerClient fresh = client(startServer(Map.of()));

    ServerClient.Reply r = fresh.token(victimB);

    assertProblem(r, 500, "stored_value_unreadable");
    assertThat(r.text("detail")).contains(victimB);
    assertThat(r.raw().body())
        .doesNotContain("garmin_connection")
        .doesNotContain("access_token_sealed")
        .doesNotContain("sealed")
        .doesNotContain("'k")
        .doesNotContain("key '");
  }
}
