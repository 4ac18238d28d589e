package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the database is, how big the pool may grow, and how many opened connections the near cache
 * of token reads keeps. Only PostgreSQL and H2 (run in PostgreSQL mode) URLs are accepted. {@link
 * #toString()} never shows the password.
 *
 * <pre>{@code
 * DatabaseSettings embedded = DatabaseSettings.h2File(Path.of("data"));
 * DatabaseSettings shared = DatabaseSettings.postgres("jdbc:postgresql://db/auth", "auth", pw);
 * }</pre>
 *
 * @param nearCacheSize how many users' opened connections this process keeps so that a token read
 *     whose row has not changed skips decrypting it again (the row is still asked every time); 0
 *     turns the cache off. See docs/decisions/0104-near-cache-for-token-reads.md.
 */
public record DatabaseSettings(
    String jdbcUrl, String user, String password, int maxPoolSize, int nearCacheSize) {
  /**
   * The default {@link #nearCacheSize}. An entry holds the two opened tokens and the sealed access
   * token, about 4 KiB for Garmin's token sizes (estimated, not measured): about 40 MiB when full.
   */
  public static final int DEFAULT_NEAR_CACHE_SIZE = 10_000;

  /** The largest {@link #nearCacheSize} accepted. */
  public static final int MAX_NEAR_CACHE_SIZE = 1_000_000;

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
    if (nearCacheSize < 0 || nearCacheSize > MAX_NEAR_CACHE_SIZE) {
      throw new ValidationException("nearCacheSize", "must be 0 (off) to " + MAX_NEAR_CACHE_SIZE);
    }
  }

  /** Settings with the default near cache. */
  public DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
    this(jdbcUrl, user, password, maxPoolSize, DEFAULT_NEAR_CACHE_SIZE);
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
    return new DatabaseSettings(jdbcUrl, user, password, size, nearCacheSize);
  }

  /** These settings with a near cache of {@code entries} users (0: none). */
  public DatabaseSettings withNearCacheSize(int entries) {
    return new DatabaseSettings(jdbcUrl, user, password, maxPoolSize, entries);
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
        + ", nearCacheSize="
        + nearCacheSize
        + "]";
  }
}
