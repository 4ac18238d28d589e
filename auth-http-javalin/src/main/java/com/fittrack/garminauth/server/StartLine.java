package com.fittrack.garminauth.server;

import java.util.Locale;

/**
 * What the start line says about where the data is: the embedded H2 file, or the database URL
 * without credentials (a password can be written into a JDBC URL; it must not reach a log).
 */
final class StartLine {
  private StartLine() {}

  static String database(ServerConfig config, DataDirectory dataDir) {
    return config
        .database()
        .map(
            d -> "database " + withoutCredentials(d.jdbcUrl()) + ", key files in " + dataDir.root())
        .orElseGet(
            () ->
                "embedded H2 database "
                    + dataDir.root().resolve(EmbeddedDatabaseLock.FILE_NAME)
                    + ", key files in "
                    + dataDir.root());
  }

  /**
   * The URL without its parameters ({@code ?password=...}, {@code ;PASSWORD=...}) and without user
   * information before a host ({@code //user:secret@host}).
   */
  static String withoutCredentials(String jdbcUrl) {
    String url = jdbcUrl;
    int cut = url.length();
    for (char c : new char[] {'?', ';', '&'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    url = url.substring(0, cut);
    int slashes = url.indexOf("//");
    if (slashes >= 0) {
      int at = url.indexOf('@', slashes + 2);
      if (at >= 0) {
        url = url.substring(0, slashes + 2) + url.substring(at + 1);
      }
    }
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? url : "(not a JDBC URL)";
  }

  /** Where a newcomer looks next, for the plain server (the demo prints its own banner). */
  static String docs(String base) {
    return "try "
        + base
        + "/ (links), the API document "
        + base
        + "/openapi.json; README.md \"The standalone server\" and docs/api.md explain it";
  }
}
