package com.fittrack.garminauth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The databases of one suite run: H2 files under the work directory (wiped at the start), and
 * PostgreSQL schemas of our own ({@code garmin_auth_bench_<stamp>_<name>}) that {@link #close()}
 * drops. Each figure and size gets its own, so that no run sees another's rows.
 */
public final class BenchDatabases implements AutoCloseable {
  private final Path work;
  private final Optional<String> postgresUrl;
  private final String stamp =
      LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
  private final List<String> schemas = new ArrayList<>();

  private BenchDatabases(Path work, Optional<String> postgresUrl) {
    this.work = work;
    this.postgresUrl = postgresUrl;
  }

  /**
   * Prepares the work directory; {@code postgresUrl} is used only when a connection to it works .
   */
  public static BenchDatabases create(Path work, String postgresUrl) {
    deleteRecursively(work);
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BenchDatabases(
        work, reachable(postgresUrl) ? Optional.of(postgresUrl) : Optional.empty());
  }

  /** The key file every benchmark fork shares (created by the first to open it). */
  public String keyFile() {
    return work.resolve("bench.key").toString();
  }

  public String h2(String name) {
    return "h2file:" + work.resolve("h2-" + name);
  }

  public Optional<String> postgres(String name) {
    if (postgresUrl.isEmpty()) {
      return Optional.empty();
    }
    String schema = "garmin_auth_bench_" + stamp + "_" + name;
    execute(postgresUrl.get(), "CREATE SCHEMA " + schema);
    schemas.add(schema);
    String url = postgresUrl.get();
    return Optional.of(
        "postgres:" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  public boolean hasPostgres() {
    return postgresUrl.isPresent();
  }

  /** H2 and, when reachable, PostgreSQL targets named {@code name}. */
  public List<String> targets(String name) {
    List<String> targets = new ArrayList<>();
    targets.add(h2(name));
    postgres(name).ifPresent(targets::add);
    return targets;
  }

  @Override
  public void close() {
    postgresUrl.ifPresent(
        url -> {
          for (String schema : schemas) {
            execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          }
        });
  }

  private static boolean reachable(String url) {
    try (Connection c = connect(url)) {
      return c.isValid(5);
    } catch (SQLException e) {
      System.err.println(
          "!!! PostgreSQL at " + url + " is not reachable (" + e.getSQLState() + "): H2 only");
      return false;
    }
  }

  private static void execute(String url, String sql) {
    try (Connection c = connect(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getSQLState(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", "");
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
