package com.fittrack.garminauth.server;

import java.util.Map;

/** Issue 14's regression tests on the embedded default: H2 in the data directory. */
class H2ServerHardeningTest extends ServerHardeningContract {
  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }
}
