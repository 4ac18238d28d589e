package com.fittrack.garminauth.server;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error code end to end, on PostgreSQL (a schema of its own). */
class PostgresServerErrorsTest extends ServerErrorsContract {
  @RegisterExtension static final PostgresSchema PG = new PostgresSchema();

  @Override
  Map<String, String> databaseEnv() {
    return PG.serverEnvironment();
  }
}
