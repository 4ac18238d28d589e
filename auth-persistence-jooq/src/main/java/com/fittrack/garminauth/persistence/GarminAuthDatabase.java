package com.fittrack.garminauth.persistence;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.ConnectionDirectory;
import com.fittrack.garminauth.core.application.port.out.ConnectionRepository;
import com.fittrack.garminauth.core.application.port.out.EventOutbox;
import com.fittrack.garminauth.core.application.port.out.GarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.persistence.crypto.Sealer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
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

  /** Flyway's default history table, which garmin-auth keeps. */
  private static final String HISTORY_TABLE = "flyway_schema_history";

  /** History rows Flyway writes for itself, not for a script. */
  private static final Set<String> FLYWAY_MARKERS = Set.of("TABLE", "SCHEMA");

  /**
   * The refresh margin assumed when none is given: the core's default. A cached token is served
   * without asking the database only while it is valid for longer than the margin, so that a token
   * the core would refresh is always read from the row (ADR 0117).
   */
  static final Duration DEFAULT_REFRESH_MARGIN = AuthPolicy.defaults().refreshMargin();

  private final HikariDataSource dataSource;
  private final SQLDialect dialect;
  private final DSLContext dsl;
  private final Sealer sealer;
  private final Clock clock;
  private final ConnectionRows rows;
  private final JooqConnectionRepository connections;
  private final JooqChallengeRepository challenges;
  private final JooqLoginAttemptStore loginAttempts;
  private final JooqEventOutbox events;
  private final JooqConnectionDirectory directory;
  private final JooqWebhookDeliveries webhookDeliveries;
  private final JooqGarminCooldowns cooldowns;
  private Flyway flyway;
  private volatile boolean keysChecked;

  private GarminAuthDatabase(
      HikariDataSource dataSource,
      SQLDialect dialect,
      KeyRing keys,
      Clock clock,
      Optional<NearCache> nearCache,
      ConnectionChanges changes,
      Duration refreshMargin) {
    this.dataSource = dataSource;
    this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    this.sealer = new Sealer(keys);
    this.clock = clock;
    this.rows = new ConnectionRows(sealer);
    this.dialect = dialect;
    this.events = new JooqEventOutbox(dsl, clock);
    this.directory = new JooqConnectionDirectory(dsl);
    this.webhookDeliveries = new JooqWebhookDeliveries(dsl, dialect == SQLDialect.POSTGRES);
    this.connections =
        new JooqConnectionRepository(
            dsl,
            rows,
            clock,
            dialect == SQLDialect.POSTGRES,
            nearCache,
            changes,
            refreshMargin,
            events);
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
    return open(settings, keys, clock, DEFAULT_REFRESH_MARGIN);
  }

  /**
   * {@link #open(DatabaseSettings, KeyRing, Clock)} for a service whose {@code AuthPolicy} has
   * {@code refreshMargin}: the near cache serves a token without asking the database, or while the
   * database is unreachable, only while it is valid for longer than that.
   */
  public static GarminAuthDatabase open(
      DatabaseSettings settings, KeyRing keys, Clock clock, Duration refreshMargin) {
    Objects.requireNonNull(refreshMargin, "refreshMargin");
    if (refreshMargin.isNegative()) {
      throw new IllegalArgumentException("refreshMargin must not be negative");
    }
    return open(settings, keys, clock, refreshMargin, GarminAuthDatabase::changesFor);
  }

  /** For tests: {@link #open(DatabaseSettings, KeyRing, Clock)} with a chosen change channel. */
  static GarminAuthDatabase open(
      DatabaseSettings settings,
      KeyRing keys,
      Clock clock,
      BiFunction<DatabaseSettings, HikariDataSource, ConnectionChanges> channel) {
    return open(settings, keys, clock, DEFAULT_REFRESH_MARGIN, channel);
  }

  private static GarminAuthDatabase open(
      DatabaseSettings settings,
      KeyRing keys,
      Clock clock,
      Duration refreshMargin,
      BiFunction<DatabaseSettings, HikariDataSource, ConnectionChanges> channel) {
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
    Optional<NearCache> nearCache = NearCache.of(settings.nearCacheSize(), clock);
    ConnectionChanges changes =
        nearCache.isPresent() ? channel.apply(settings, pool) : ConnectionChanges.none();
    GarminAuthDatabase db;
    try {
      db = new GarminAuthDatabase(pool, dialect, keys, clock, nearCache, changes, refreshMargin);
    } catch (RuntimeException e) {
      changes.close();
      pool.close();
      throw e;
    }
    try {
      if (db.schemaIsSetUp()) {
        db.checkKeys();
      }
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /**
   * Loads and initialises jOOQ for a dialect (its DSL, data types and the generated tables) by
   * rendering the kinds of statement the repositories render, against no connection. A server calls
   * this on a spare core while it reads its keys and the pool connects, so that {@code open} finds
   * jOOQ ready (docs/decisions/0118-start-time.md). Never needed for correctness.
   */
  public static void prepare(String jdbcUrl) {
    boolean postgres = new DatabaseSettings(jdbcUrl, "", "", 1).isPostgres();
    DSLContext dsl =
        DSL.using(
            postgres ? SQLDialect.POSTGRES : SQLDialect.H2,
            new Settings().withExecuteLogging(false));
    var table = com.fittrack.garminauth.persistence.generated.Tables.GARMIN_CONNECTION;
    dsl.render(dsl.selectFrom(table).where(table.USER_ID.eq(DSL.val("", String.class))));
    dsl.render(
        dsl.update(table)
            .set(table.VERSION, table.VERSION.plus(1))
            .where(table.USER_ID.eq(DSL.val("", String.class))));
    dsl.render(dsl.insertInto(table).set(table.USER_ID, "").onConflictDoNothing());
  }

  /**
   * Brings the schema up to date (Flyway), then checks that the key ring opens stored data. When
   * Flyway's history already records exactly the scripts of this version, with the checksums the
   * build recorded for them, and all of them succeeded, Flyway is not started: there is nothing to
   * apply, and every script was validated when it was recorded (docs/decisions/0118-start-time.md,
   * third round). Anything else (a new database, a pending or failed script, a changed checksum, a
   * row this version does not know) goes through Flyway, which applies, validates or refuses.
   */
  public void migrate() {
    if (schemaIsCurrent()) {
      if (!keysChecked) {
        checkKeys();
      }
      return;
    }
    MigrateResult result = StorageErrors.guard("migrate the schema", () -> flyway().migrate());
    if (result.migrationsExecuted > 0 || !keysChecked) {
      // open checked the keys unless the schema was new; a migration may add sealed columns
      checkKeys();
    }
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

  /** The outbox: events written with each connection change, in feed order. */
  public EventOutbox events() {
    return events;
  }

  /** Keyset listing of connections (plain columns, never a secret). */
  public ConnectionDirectory directory() {
    return directory;
  }

  /** The queue of webhook deliveries (planned from the outbox, claimed with leases). */
  public WebhookDeliveries webhookDeliveries() {
    return webhookDeliveries;
  }

  /**
   * How long refreshes may fail for a passing reason before {@code connection.refresh_failing} is
   * written (default 15 minutes).
   */
  public void reportRefreshFailingAfter(Duration threshold) {
    events.failingAfter(threshold);
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

  /**
   * Token reads served from the near cache while the database could not be reached (a counter since
   * open; see docs/decisions/0117-push-invalidation-and-degraded-reads.md).
   */
  public long degradedReads() {
    return connections.degradedReads();
  }

  /**
   * Whether changes written by other processes reach this one right now, so that cached token reads
   * may skip the database.
   */
  public boolean changeChannelUp() {
    return connections.changeChannelUp();
  }

  /** Changes of connections announced to this process by other ones; for tests. */
  long changesReceived() {
    return connections.changesReceived();
  }

  @Override
  public void close() {
    connections.close();
    dataSource.close();
  }

  /**
   * PostgreSQL: a listener of the notifications the V7 trigger sends. H2: the other repositories of
   * this process, the only ones that can open the same database.
   */
  private static ConnectionChanges changesFor(DatabaseSettings settings, HikariDataSource pool) {
    if (settings.isPostgres()) {
      return PostgresChangeListener.start(
          settings.jdbcUrl(),
          settings.user(),
          settings.password(),
          () -> {
            // Connections that lived through the outage are likely dead: replace them now rather
            // than fail (or serve degraded) one request per dead connection.
            var beans = pool.getHikariPoolMXBean();
            if (beans != null) {
              beans.softEvictConnections();
            }
          });
    }
    return InProcessChanges.join(settings.jdbcUrl());
  }

  private void checkKeys() {
    StorageErrors.guard(
        "check the encryption keys",
        () -> {
          KeyCheck.verify(dsl, sealer, clock);
          return null;
        });
    keysChecked = true;
  }

  /**
   * Whether the schema has been set up, so that the key check has its tables: one metadata query
   * for the key-check table (created by the first migration). Asking Flyway for the version read
   * and checksummed every script, which {@link #migrate()} then did again
   * (docs/decisions/0118-start-time.md).
   */
  private boolean schemaIsSetUp() {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String table = "sealing_key_check";
      if (meta.storesUpperCaseIdentifiers()) {
        table = table.toUpperCase(Locale.ROOT);
      }
      try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), table, null)) {
        return tables.next();
      }
    } catch (SQLException e) {
      throw StorageErrors.unavailable("read the schema version", e);
    }
  }

  /**
   * Whether Flyway's history holds exactly this version's scripts (by script name and checksum),
   * each applied successfully, and nothing else. One query; false when the history cannot be read
   * (no schema yet), so that Flyway decides.
   */
  boolean schemaIsCurrent() {
    Map<String, Integer> expected = new HashMap<>();
    for (MigrationScripts.Indexed script :
        MigrationScripts.entries(GarminAuthDatabase.class.getClassLoader(), locations(dialect))) {
      expected.put(script.script(), script.checksum());
    }
    Result<Record4<String, Integer, Boolean, String>> history;
    try {
      history =
          dsl.select(
                  DSL.field(DSL.name("script"), String.class),
                  DSL.field(DSL.name("checksum"), Integer.class),
                  DSL.field(DSL.name("success"), Boolean.class),
                  DSL.field(DSL.name("type"), String.class))
              .from(DSL.table(DSL.name(HISTORY_TABLE)))
              .fetch();
    } catch (DataAccessException e) {
      return false;
    }
    for (Record4<String, Integer, Boolean, String> row : history) {
      if (FLYWAY_MARKERS.contains(row.value4())) {
        continue; // Flyway's note that it created the history table (or the schema): no script
      }
      if (!"SQL".equals(row.value4())
          || !Boolean.TRUE.equals(row.value3())
          || row.value2() == null
          || !row.value2().equals(expected.remove(row.value1()))) {
        return false;
      }
    }
    return expected.isEmpty();
  }

  /**
   * Flyway for this database, configured when first needed: a start on a current schema never needs
   * it ({@link #schemaIsCurrent()}).
   */
  private synchronized Flyway flyway() {
    if (flyway == null) {
      flyway = configureFlyway(dataSource, dialect);
    }
    return flyway;
  }

  /** The migration folders of a dialect: PostgreSQL has scripts of its own. */
  private static String[] locations(SQLDialect dialect) {
    return dialect == SQLDialect.POSTGRES
        ? new String[] {"db/migration", "db/postgresql"}
        : new String[] {"db/migration"};
  }

  /** Flyway as garmin-auth runs it: the indexed scripts of the dialect's folders, no scan. */
  static Flyway configureFlyway(DataSource dataSource, SQLDialect dialect) {
    String[] locations = locations(dialect);
    ClassLoader loader = GarminAuthDatabase.class.getClassLoader();
    return Flyway.configure(loader)
        .dataSource(dataSource)
        .locations(Arrays.stream(locations).map(l -> "classpath:" + l).toArray(String[]::new))
        // the scripts come from the index, so Flyway does not scan the class path for them
        .resourceProvider(MigrationScripts.in(loader, locations))
        .javaMigrationClassProvider(MigrationScripts.noJavaMigrations())
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
