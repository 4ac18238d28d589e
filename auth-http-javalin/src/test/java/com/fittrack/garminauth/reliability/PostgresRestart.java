package com.fittrack.garminauth.reliability;

import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restarts the test PostgreSQL with {@code pg_ctlcluster --skip-systemctl-redirect VERSION CLUSTER
 * restart} (as root). Only when {@code GARMIN_AUTH_ALLOW_PG_RESTART=true}: a restart breaks every
 * other test using that server at the same moment. The cluster is {@code
 * GARMIN_AUTH_TEST_PG_CLUSTER} ({@code 15/main}) or the newest version under /etc/postgresql with
 * cluster {@code main}.
 */
final class PostgresRestart {
  static final String GUARD = "GARMIN_AUTH_ALLOW_PG_RESTART";
  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);

  private PostgresRestart() {}

  static boolean allowed() {
    return "true".equalsIgnoreCase(System.getenv(GUARD));
  }

  /** Restarts the cluster and returns how long the command took. */
  static Duration restart() throws IOException, InterruptedException {
    Instant started = Instant.now();
    int exit = pgCtlCluster("restart");
    if (exit != 0) {
      throw new IllegalStateException("pg_ctlcluster restart exited with " + exit);
    }
    return Duration.between(started, Instant.now());
  }

  /**
   * Makes sure PostgreSQL answers again: waits for it, starts the cluster if it still does not
   * answer, and waits again. Called after the restart whatever happened.
   */
  static void ensureUp(PostgresTestDatabase pg) throws IOException, InterruptedException {
    if (answersWithin(pg, Duration.ofSeconds(20))) {
      return;
    }
    pgCtlCluster("start"); // exit code 2 "already running" is fine: we only need it up
    if (!answersWithin(pg, Duration.ofSeconds(60))) {
      throw new IllegalStateException("PostgreSQL is still down after pg_ctlcluster start");
    }
  }

  static String cluster() throws IOException {
    String configured = System.getenv("GARMIN_AUTH_TEST_PG_CLUSTER");
    if (configured != null && configured.matches("[0-9.]+/[A-Za-z0-9_-]+")) {
      return configured;
    }
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      String newest =
          versions
              .map(p -> p.getFileName().toString())
              .filter(v -> v.matches("[0-9.]+"))
              .max(Comparator.comparingDouble(Double::parseDouble))
              .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /etc/postgresql"));
      return newest + "/main";
    }
  }

  private static int pgCtlCluster(String action) throws IOException, InterruptedException {
    String[] cluster = cluster().split("/");
    Process p =
        new ProcessBuilder(
                List.of(
                    "pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], action))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(new File("target/reliability/pg_ctlcluster.log")))
            .start();
    if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("pg_ctlcluster " + action + " took over " + COMMAND_LIMIT);
    }
    return p.exitValue();
  }

  private static boolean answersWithin(PostgresTestDatabase pg, Duration limit) {
    try {
      await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> answers(pg));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  static boolean answers(PostgresTestDatabase pg) {
    try (Connection c = pg.connect()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
