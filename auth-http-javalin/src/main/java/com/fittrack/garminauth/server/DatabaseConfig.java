package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.Secret;
import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL database (GARMIN_AUTH_DB_URL and friends). Absent: the embedded H2 file in the
 * data directory. The password is a {@link Secret} so that printing the configuration never shows
 * it.
 */
public record DatabaseConfig(
    String jdbcUrl, Optional<String> user, Optional<Secret> password, int maxPoolSize) {

  static Optional<DatabaseConfig> read(EnvReader env) {
    Optional<String> url = env.string("GARMIN_AUTH_DB_URL");
    Optional<String> user = env.string("GARMIN_AUTH_DB_USER");
    Optional<Secret> password = env.string("GARMIN_AUTH_DB_PASSWORD").map(Secret::of);
    int pool = env.integer("GARMIN_AUTH_DB_POOL_SIZE", 10, 1, 200);
    if (url.isEmpty()) {
      if (user.isPresent() || password.isPresent()) {
        throw new ConfigException(
            "GARMIN_AUTH_DB_URL", "must be set when GARMIN_AUTH_DB_USER or _PASSWORD is");
      }
      return Optional.empty();
    }
    String lower = url.get().toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
      throw new ConfigException("GARMIN_AUTH_DB_URL", "must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    return Optional.of(new DatabaseConfig(url.get(), user, password, pool));
  }
}
