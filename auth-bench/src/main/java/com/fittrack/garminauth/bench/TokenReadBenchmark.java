package com.fittrack.garminauth.bench;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Figure 1: the hot path of {@code GarminSessions.accessToken} (a stored token valid for hours, so
 * no refresh) against its floor, a plain JDBC primary-key SELECT of the same row through the same
 * pool. Both pick a user at random from {@code users} stored ones, so both see the same cache and
 * index behaviour. Sample mode gives the mean and the percentiles.
 *
 * <p>{@code accessToken} runs with the repository's near cache off (every read opens the row),
 * {@code accessTokenNearCache} with it on, sized to hold every stored user (at least its default
 * size; ADR 0104) and filled with every one of them before the first iteration, so that it measures
 * the hit; the floor needs no cache and runs with it off. Each method runs in its own fork, so each
 * opens only the pool it needs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenReadBenchmark {
  /** The row as the repository reads it: every column, by primary key. */
  static final String FLOOR_SQL = "SELECT * FROM garmin_connection WHERE user_id = ?";

  /** See {@link BenchTarget}. */
  @Param({"h2mem"})
  public String target;

  @Param({"1000"})
  public int users;

  /** The key file (created when missing); in-memory targets may use a fresh one. */
  @Param({""})
  public String keyFile;

  private GarminAuthDatabase db;
  private DataSource pool;
  private GarminAuth auth;
  private UserId[] ids;

  @Setup(Level.Trial)
  public void open(BenchmarkParams params) throws Exception {
    KeyRing keys =
        keyFile.isEmpty()
            ? KeyRing.parse(KeyRing.generateKeySpec())
            : KeyRing.loadOrCreate(Path.of(keyFile));
    boolean nearCache = params.getBenchmark().endsWith(".accessTokenNearCache");
    DatabaseSettings settings = BenchTarget.parse(target).settings();
    db =
        GarminAuthDatabase.open(
            // sized to hold every stored user, as an operator sizes it to the active users
            // (issue 17: flat from 1,000 to 100,000 users when the cache holds them)
            settings.withNearCacheSize(
                nearCache ? Math.max(DatabaseSettings.DEFAULT_NEAR_CACHE_SIZE, users) : 0),
            keys);
    db.migrate();
    Seeder.ensure(db, users, Instant.now().plus(Duration.ofDays(2)));
    pool = db.dataSource();
    auth =
        GarminAuth.builder()
            .connections(db.connections())
            .challenges(db.challenges())
            .authenticator(new NoGarmin())
            .build();
    ids = new UserId[users];
    for (int i = 0; i < users; i++) {
      ids[i] = Seeder.user(i);
    }
    if (nearCache) {
      // The cache holds the active users (the target's condition): read each once, so that the
      // measured reads are hits at every size. Without this, short iterations over 100,000 users
      // would mostly measure first reads, which are misses by design.
      for (UserId id : ids) {
        auth.accessToken(id);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    db.close();
  }

  /** Each thread walks its own random sequence of users. */
  @State(Scope.Thread)
  public static class Picker {
    private final SplittableRandom random = new SplittableRandom();

    int next(int bound) {
      return random.nextInt(bound);
    }
  }

  @Benchmark
  public int floorJdbcSelect(Picker picker) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(FLOOR_SQL)) {
      ps.setString(1, ids[picker.next(users)].value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("a seeded row is missing");
        }
        // Read every column, as a mapper must; the lengths keep the JIT from skipping any.
        int columns = rs.getMetaData().getColumnCount();
        int chars = 0;
        for (int i = 1; i <= columns; i++) {
          String value = rs.getString(i);
          chars += value == null ? 0 : value.length();
        }
        return chars;
      }
    }
  }

  @Benchmark
  public AccessToken accessToken(Picker picker) {
    return auth.accessToken(ids[picker.next(users)]);
  }

  /** The same call with the near cache on: after the first read of a user, a stamp check. */
  @Benchmark
  public AccessToken accessTokenNearCache(Picker picker) {
    return auth.accessToken(ids[picker.next(users)]);
  }
}
