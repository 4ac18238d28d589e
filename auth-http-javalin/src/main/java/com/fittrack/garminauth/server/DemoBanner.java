package com.fittrack.garminauth.server;

import java.io.PrintStream;

/** What {@code serve --demo} prints once it is listening: the accounts to try and the key. */
final class DemoBanner {
  private DemoBanner() {}

  static void print(GarminAuthServer server) {
    print(System.out, server);
  }

  static void print(PrintStream out, GarminAuthServer server) {
    String base = "http://" + server.config().bind() + ":" + server.port();
    out.println();
    out.println("garmin-auth demo: a fake Garmin runs inside this process; nothing leaves it.");
    out.println("  API:          " + base + "  (docs: " + base + "/openapi.json)");
    out.println(
        "  API key:      in "
            + new DataDirectory(server.config().dataDir()).adminKeyFile()
            + (server.usesGeneratedAdminKey() ? "" : " (unused: GARMIN_AUTH_API_KEYS is set)"));
    out.println("  accounts:     demo@example.com / demo-password   (no MFA)");
    out.println("                mfa@example.com  / demo-password   (MFA by email, code 123456)");
    out.println("  walkthrough:  README.md, \"Try it offline: demo mode\"");
    out.println();
  }
}
