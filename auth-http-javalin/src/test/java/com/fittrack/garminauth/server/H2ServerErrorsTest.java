package com.fittrack.garminauth.server;

import java.util.Map;

/** Every error code end to end, on the embedded H2 database. */
class H2ServerErrorsTest extends ServerErrorsContract {
  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }
}
