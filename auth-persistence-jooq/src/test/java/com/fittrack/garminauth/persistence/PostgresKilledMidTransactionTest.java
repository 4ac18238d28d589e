package com.fittrack.garminauth.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.contract.SampleSessions;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database connection dies in the middle of a transaction (its backend is terminated from
 * another session while it waits on a row lock): the caller gets a retryable {@code
 * storage_unavailable}, and nothing the transaction had already written survives.
 */
@Tag("integration")
class PostgresKilledMidTransactionTest {
  private static final Instant T0 = TestDatabases.CLOCK.instant();
  private static final String OLD_SPEC = KeyRing.generateKeySpec();

  private final String victimApp = "garmin-auth-victim-" + UUID.randomUUID();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private PostgresTestDatabase pg;

  @BeforeEach
  void createSchema() {
    pg = PostgresTestDatabase.create();
  }

  @AfterEach
  void dropSchema() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void rekeyKilledHalfwayLeavesEveryRowOnTheOldKeyAndAResumedRunFinishes() throws Exception {
    GarminAuthDatabase old = open(pg.jdbcUrl(), KeyRing.parse(OLD_SPEC));
    old.migrate();
    GarminConnection first = store(old, "a-first");
    GarminConnection second = store(old, "b-second");
    String newSpec = KeyRing.generateKeySpec();
    KeyRing rotated = KeyRing.parse(newSpec + "," + OLD_SPEC);
    GarminAuthDatabase victim = open(victimUrl(), rotated);

    // Rekey re-seals a-first, then waits for b-second, which this session holds; then it dies.
    StorageException failure = killWhileBlockedOn("b-second", () -> victim.rekey(10));

    assertThat(failure.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(failure.retryable()).isTrue();
    assertThat(keyIds()).containsOnly(KeyRing.parse(OLD_SPEC).active().id());

    RekeyReport resumed = open(pg.jdbcUrl(), rotated).rekey(10);
    assertThat(resumed.complete()).isTrue();
    GarminAuthDatabase newOnly = open(pg.jdbcUrl(), KeyRing.parse(newSpec));
    assertThat(newOnly.connections().find(first.userId())).contains(first);
    assertThat(newOnly.connections().find(second.userId())).contains(second);
  }

  @Test
  void anUpdateKilledWhileWaitingChangesNothingAndIsRetryable() throws Exception {
    GarminAuthDatabase db = open(pg.jdbcUrl(), KeyRing.parse(OLD_SPEC));
    db.migrate();
    GarminConnection v1 = store(db, "waiting-user");
    GarminAuthDatabase victim = open(victimUrl(), KeyRing.parse(OLD_SPEC));
    GarminConnection next = v1.refreshed(SampleSessions.diCredentials(T0.plusSeconds(3600)), T0);

    StorageException failure =
        killWhileBlockedOn("waiting-user", () -> victim.connections().update(next));

    assertThat(failure.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(db.connections().find(v1.userId())).contains(v1);
    assertThat(victim.connections().update(next)).isEqualTo(next.withVersion(2));
  }

  private GarminAuthDatabase open(String url, KeyRing keys) {
    GarminAuthDatabase db =
        GarminAuthDatabase.open(
            DatabaseSettings.postgres(url, pg.user(), pg.password()), keys, TestDatabases.CLOCK);
    cleanup.add(0, db);
    return db;
  }

  private String victimUrl() {
    return pg.jdbcUrl() + "&ApplicationName=" + victimApp;
  }

  private static GarminConnection store(GarminAuthDatabase db, String user) {
    return db.connections()
        .insert(SampleSessions.connected(UserId.of(user), T0, T0.plusSeconds(60)));
  }

  /**
   * Locks {@code user}'s row, runs {@code work} until its backend waits for that lock, terminates
   * the backend, releases the lock, and returns what {@code work} failed with.
   */
  private StorageException killWhileBlockedOn(String user, Supplier<?> work) throws Exception {
    try (Connection locker = pg.connect();
        Connection admin = pg.connect()) {
      locker.setAutoCommit(false);
      try (PreparedStatement lock =
          locker.prepareStatement("SELECT 1 FROM garmin_connection WHERE user_id = ? FOR UPDATE")) {
        lock.setString(1, user);
        lock.executeQuery().close();
      }
      CompletableFuture<Object> running = CompletableFuture.supplyAsync(work::get);
      int pid =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> blockedVictim(admin), Optional::isPresent)
              .orElseThrow();
      try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
        kill.setInt(1, pid);
        kill.executeQuery().close();
      }
      try {
        running.get(30, TimeUnit.SECONDS);
        throw new AssertionError("the killed transaction reported success");
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StorageException.class);
        return (StorageException) e.getCause();
      } finally {
        locker.rollback();
      }
    }
  }

  private Optional<Integer> blockedVictim(Connection admin) throws SQLException {
    try (PreparedStatement q =
        admin.prepareStatement(
            "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'")) {
      q.setString(1, victimApp);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }

  private List<String> keyIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = pg.connect();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT sealed_key_id FROM garmin_connection")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
