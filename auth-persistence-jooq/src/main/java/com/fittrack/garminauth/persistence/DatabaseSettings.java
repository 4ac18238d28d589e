package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the database is and how big the pool may grow. Only PostgreSQL and H2 (run in PostgreSQL
 * mode) URLs are accepted. {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * DatabaseSettings embedded = DatabaseSettings.h2File(Path.of("data"));
 * DatabaseSettings shared = DatabaseSettings.postgres("jdbc:postgresql://db/auth", "auth", pw);
 * }</pre>
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
  /** H2 settings that make it behave like PostgreSQL for the shared migrations and queries. */
  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";

  private static final int DEFAULT_POOL = 10;

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new ValidationException(
          "jdbcUrl",
          "must be a jdbc:postgresql: or jdbc:h2: URL (other databases are unsupported)");
    }
    if (maxPoolSize < 1 || maxPoolSize > 200) {
      throw new ValidationException("maxPoolSize", "must be 1-200");
    }
  }

  /** An H2 database in the file {@code garmin-auth.mv.db} under {@code dataDir}. */
  public static DatabaseSettings h2File(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("garmin-auth");
    return new DatabaseSettings("jdbc:h2:file:" + file + H2_OPTIONS, "sa", "", DEFAULT_POOL);
  }

  /** A private in-memory H2 database that lives until the last connection closes; for tests. */
  public static DatabaseSettings h2InMemory() {
    String name = "garmin-auth-" + UUID.randomUUID();
    return new DatabaseSettings(
        "jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", DEFAULT_POOL);
  }

  public static DatabaseSettings postgres(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new ValidationException("jdbcUrl", "must start with jdbc:postgresql:");
    }
    return new DatabaseSettings(jdbcUrl, user, password, DEFAULT_POOL);
  }

  public DatabaseSettings withMaxPoolSize(int size) {
    return new DatabaseSettings(jdbcUrl, user, password, size);
  }

  boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** The URL without query parameters, which may carry credentials; safe for messages. */
  String safeUrl() {
    int cut = jdbcUrl.indexOf('?');
    int semicolon = jdbcUrl.indexOf(';');
    if (cut < 0 || (semicolon >= 0 && semicolon < cut)) {
      cut = semicolon;
    }
    return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + safeUrl()
        + ", user="
        + user
        + ", password=[redacted], maxPoolSize="
        + maxPoolSize
        + "]";
  }
}
