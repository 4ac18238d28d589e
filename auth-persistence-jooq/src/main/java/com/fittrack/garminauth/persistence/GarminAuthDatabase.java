package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The shared database of garmin-auth: a connection pool, the schema (Flyway), and the repositories
 * every process uses, with secrets sealed by the given key ring.
 *
 * <pre>{@code
 * try (GarminAuthDatabase db = GarminAuthDatabase.open(DatabaseSettings.h2File(dir), keys)) {
 *   db.migrate();
 *   GarminAuth auth = GarminAuth.builder().connections(db.connections())
 *       .challenges(db.challenges()).loginAttempts(db.loginAttempts())...build();
 * }
 * }</pre>
 *
 * <p>{@code open} does not change the schema; {@link #migrate()} does. When the schema is already
 * there, {@code open} checks that the key ring opens the stored data and fails with {@code
 * stored_value_unreadable} otherwise.
 */
public final class GarminAuthDatabase implements AutoCloseable {
  static {
    // jOOQ greets with a banner and "tips" on first use; a service log has no room for them. An
    // application that wants them can still set these properties before this class loads.
    System.getProperties().putIfAbsent("org.jooq.no-logo", "true");
    System.getProperties().putIfAbsent("org.jooq.no-tips", "true");
  }

  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final Sealer sealer;
  private final Clock clock;
  private final ConnectionRows rows;
  private final JooqConnectionRepository connections;
  private final JooqChallengeRepository challenges;
  private final JooqLoginAttemptStore loginAttempts;
  private final JooqGarminCooldowns cooldowns;

  private GarminAuthDatabase(
      HikariDataSource dataSource,
      SQLDialect dialect,
      KeyRing keys,
      Clock clock,
      int nearCacheSize) {
    this.dataSource = dataSource;
    this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    this.sealer = new Sealer(keys);
    this.clock = clock;
    this.rows = new ConnectionRows(sealer);
    this.connections =
        new JooqConnectionRepository(
            dsl, rows, clock, dialect == SQLDialect.POSTGRES, NearCache.of(nearCacheSize, clock));
    this.challenges = new JooqChallengeRepository(dsl, sealer);
    this.loginAttempts = new JooqLoginAttemptStore(dsl);
    this.cooldowns = new JooqGarminCooldowns(dsl);
  }

  public static GarminAuthDatabase open(DatabaseSettings settings, KeyRing keys) {
    return open(settings, keys, Clock.systemUTC());
  }

  /**
   * Opens the pool (failing with {@code storage_unavailable} when the database cannot be reached)
   * and, if the schema exists, checks the keys.
   */
  public static GarminAuthDatabase open(DatabaseSettings settings, KeyRing keys, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(settings));
    } catch (RuntimeException e) {
      throw StorageException.unavailable(
          "cannot connect to the database at " + settings.safeUrl(),
          new StorageErrors.DatabaseFailure(e.getClass().getName()));
    }
    SQLDialect dialect = settings.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
    GarminAuthDatabase db =
        new GarminAuthDatabase(pool, dialect, keys, clock, settings.nearCacheSize());
    try {
      if (StorageErrors.guard("read the schema version", () -> db.flyway().info().current())
          != null) {
        db.checkKeys();
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return db;
  }

  /** Brings the schema up to date (Flyway), then checks that the key ring opens stored data. */
  public void migrate() {
    StorageErrors.guard("migrate the schema", () -> flyway().migrate());
    checkKeys();
  }

  public ConnectionRepository connections() {
    return connections;
  }

  public ChallengeRepository challenges() {
    return challenges;
  }

  public LoginAttemptStore loginAttempts() {
    return loginAttempts;
  }

  /** Garmin's pushbacks, shared by every instance on this database. */
  public GarminCooldowns cooldowns() {
    return cooldowns;
  }

  /**
   * Re-seals every stored secret with the active key, {@code batchSize} rows per transaction. Safe
   * while the service runs; resumable (run it again after an interruption).
   */
  public RekeyReport rekey(int batchSize) {
    return new Rekeyer(dsl, rows, challenges, sealer.keys().active().id()).run(batchSize);
  }

  /** Whether the database answers right now (a cheap ping for readiness probes). */
  public boolean isReady() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private void checkKeys() {
    StorageErrors.guard(
        "check the encryption keys",
        () -> {
          KeyCheck.verify(dsl, sealer, clock);
          return null;
        });
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load();
  }

  private static HikariConfig poolConfig(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setPoolName("garmin-auth");
    // A request waiting this long for a connection is better told "storage_unavailable".
    config.setConnectionTimeout(10_000);
    if (settings.isPostgres()) {
      // Our transactions are short, so a row lock held for seconds means something is stuck:
      // fail with a retryable storage_unavailable rather than wait forever (H2 has LOCK_TIMEOUT).
      config.setConnectionInitSql("SET lock_timeout = '10s'");
    }
    return config;
  }
}
