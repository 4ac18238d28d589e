package com.fittrack.garminauth.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty schema on the test PostgreSQL, unique to this run, so that runs and test classes
 * never see each other's rows. The server comes from {@code GARMIN_AUTH_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code GARMIN_AUTH_TEST_PG_USER} or {@code
 * postgres}, password {@code GARMIN_AUTH_TEST_PG_PASSWORD} or none). When it cannot be reached the
 * calling test is skipped with a loud message, or fails when {@code GARMIN_AUTH_REQUIRE_PG=true}
 * (environment or system property; CI sets it). The PostgreSQL JDBC driver must be on the test
 * classpath.
 *
 * <pre>{@code
 * static PostgresTestDatabase pg;
 * @BeforeAll static void start() { pg = PostgresTestDatabase.create(); }
 * @AfterAll static void stop() { pg.close(); }
 * ... DatabaseSettings.postgres(pg.jdbcUrl(), pg.user(), pg.password()) ...
 * }</pre>
 */
public final class PostgresTestDatabase implements AutoCloseable {
  public static final String URL_VARIABLE = "GARMIN_AUTH_TEST_PG_URL";
  public static final String REQUIRE_VARIABLE = "GARMIN_AUTH_REQUIRE_PG";
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final String serverUrl;
  private final String user;
  private final String password;
  private final String schema;

  private PostgresTestDatabase(String serverUrl, String user, String password, String schema) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  /** Creates a new schema, or skips (fails, when required) the calling test. */
  public static PostgresTestDatabase create() {
    Map<String, String> env = System.getenv();
    String url =
        Optional.ofNullable(env.get(URL_VARIABLE)).filter(s -> !s.isBlank()).orElse(DEFAULT_URL);
    String user = env.getOrDefault("GARMIN_AUTH_TEST_PG_USER", "postgres");
    String password = env.getOrDefault("GARMIN_AUTH_TEST_PG_PASSWORD", "");
    String schema =
        "garmin_auth_test_"
            + LocalDateTime.now(ZoneOffset.UTC).format(STAMP)
            + "_"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    try (Connection c = connect(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      unreachable(url, e);
    }
    return new PostgresTestDatabase(url, user, password, schema);
  }

  /** Whether tests must fail, rather than skip, without PostgreSQL. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))
        || "true".equalsIgnoreCase(System.getProperty(REQUIRE_VARIABLE))
        || "true".equalsIgnoreCase(System.getProperty("garmin.auth.require.pg"));
  }

  /** A JDBC URL whose connections use this schema (and only it) by default. */
  public String jdbcUrl() {
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String schema() {
    return schema;
  }

  /** A new connection to the schema, for tests that inspect or sabotage rows directly. */
  public Connection connect() throws SQLException {
    return connect(jdbcUrl(), user, password);
  }

  /** Drops the schema and everything in it. */
  @Override
  public void close() {
    try (Connection c = connect(serverUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println(
          "[garmin-auth] could not drop test schema " + schema + ": " + e.getSQLState());
    }
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  private static void unreachable(String url, SQLException e) {
    String message =
        String.format(
            Locale.ROOT,
            "PostgreSQL at %s is not reachable (%s, SQLState %s)",
            url.replaceAll("\\?.*", ""),
            e.getClass().getSimpleName(),
            e.getSQLState());
    if (required()) {
      throw new IllegalStateException(message + " and " + REQUIRE_VARIABLE + "=true", e);
    }
    System.err.println("!!! [garmin-auth] SKIPPING PostgreSQL tests: " + message);
    Assumptions.abort(message + "; set " + REQUIRE_VARIABLE + "=true to make this a failure");
  }
}
