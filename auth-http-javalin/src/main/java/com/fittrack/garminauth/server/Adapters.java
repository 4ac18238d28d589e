package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.GarminAuth;
import com.fittrack.garminauth.core.application.ConnectApiService;
import com.fittrack.garminauth.core.application.EventFeedService;
import com.fittrack.garminauth.core.application.RefreshSweeper;
import com.fittrack.garminauth.core.application.port.in.CallGarminConnect;
import com.fittrack.garminauth.core.application.port.in.ManageGarminCooldowns;
import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.application.port.out.LoginAttemptStore;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.session.GarminSessionFiles;
import com.fittrack.garminauth.http.FeedUseCases;
import com.fittrack.garminauth.http.UseCases;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.persistence.crypto.KeyRingException;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real adapters for a configuration: the database (migrated), the Garmin client (pointed at an
 * in-process FakeGarmin in demo mode), the core facade and, when enabled, the sweeper.
 */
final class Adapters implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(Adapters.class);

  private final GarminAuthDatabase database;
  private final GarminAuth auth;
  private final Optional<RefreshSweeper> sweeper;
  private final Optional<FakeGarmin> fakeGarmin;
  private final Optional<ScheduledExecutorService> housekeeping;
  private Optional<EventServices> events = Optional.empty();
  private CallGarminConnect garminCalls;
  private Map<String, String> garminIdentity = Map.of();
  // what session imports are judged against: the time, and the Garmin domain this server serves
  private Clock importClock = Clock.systemUTC();
  private String importDomain = "garmin.com";

  private Adapters(
      GarminAuthDatabase database,
      GarminAuth auth,
      Optional<RefreshSweeper> sweeper,
      Optional<FakeGarmin> fakeGarmin,
      Optional<ScheduledExecutorService> housekeeping) {
    this.database = database;
    this.auth = auth;
    this.sweeper = sweeper;
    this.fakeGarmin = fakeGarmin;
    this.housekeeping = housekeeping;
  }

  /** Opens and migrates the database, builds the facade and starts the sweeper if enabled. */
  static Adapters open(
      ServerConfig config,
      DataDirectory dataDir,
      AuthEventListener listener,
      boolean serving,
      Clock clock) {
    Optional<FakeGarmin> fake = Optional.empty();
    GarminAuthDatabase database = null;
    try {
      if (config.demo()) {
        FakeGarmin demo = FakeGarmin.startWithDemoAccounts();
        fake = Optional.of(demo);
        config =
            config.withGarmin(
                config
                    .garmin()
                    .pointedAt(
                        demo.ssoUrl(),
                        demo.connectApiUrl(),
                        demo.diAuthUrl(),
                        FakeGarmin.CONSUMER_KEY,
                        Secret.of(FakeGarmin.CONSUMER_SECRET)));
        LOG.info("demo mode: a fake Garmin serves at {}", demo.baseUrl());
      }
      // The Garmin client (TLS provider, HTTP clients) and the database (pool, schema version)
      // need nothing from each other: the client is made on a second thread while the database
      // opens. It is awaited before migrating, so that a bad TLS setting changes no schema.
      FutureTask<GarminClient> garminClient = inBackground(config.garmin());
      database = openDatabase(config, dataDir, clock);
      GarminClient garmin = await(garminClient);
      database.migrate();
      GarminAuth auth =
          GarminAuth.builder()
              .connections(database.connections())
              .challenges(database.challenges())
              .loginAttempts(database.loginAttempts())
              .authenticator(garmin)
              .listener(listener)
              .policy(config.policy())
              .clock(clock)
              .cooldowns(database.cooldowns())
              .cooldownKeys(config.fleet().cooldownKeys(config.garmin()))
              .loginKeySecret(loginKeySecret(config, dataDir))
              .build();
      if (serving) {
        RefreshStormCheck.warnings(config).forEach(LOG::warn);
      }
      Optional<RefreshSweeper> sweeper = Optional.empty();
      Optional<ScheduledExecutorService> housekeeping = Optional.empty();
      if (serving && config.sweeperEnabled()) {
        RefreshSweeper s = auth.sweeper(config.sweep());
        s.start();
        sweeper = Optional.of(s);
      } else if (serving) {
        housekeeping = Optional.of(removeExpiredChallenges(database, clock));
      }
      database.reportRefreshFailingAfter(config.events().refreshFailingAfter());
      Adapters adapters = new Adapters(database, auth, sweeper, fake, housekeeping);
      if (serving) {
        MeterRegistry registry =
            listener instanceof ServerMetrics metrics
                ? metrics.registry()
                : new SimpleMeterRegistry();
        adapters.events =
            Optional.of(EventServices.start(database, config.events(), clock, registry));
      }
      // API calls go out on the same client (transport, identity, proxy) as sign-in and refresh
      adapters.garminCalls = new ConnectApiService(auth, garmin.connectApi());
      adapters.garminIdentity = GarminIdentitySettings.describe(garmin, config.garmin());
      adapters.importClock = clock;
      adapters.importDomain = config.garmin().domain();
      return adapters;
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      fake.ifPresent(FakeGarmin::close);
      throw e;
    }
  }

  private static FutureTask<GarminClient> inBackground(GarminSettings garmin) {
    FutureTask<GarminClient> task = new FutureTask<>(() -> garminClient(garmin));
    Thread thread = new Thread(task, "garmin-auth-start-garmin-client");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** The client, or what its making threw (a ConfigException for a missing Conscrypt). */
  private static GarminClient await(FutureTask<GarminClient> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the Garmin client was made", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Expired MFA challenges can no longer be used but keep their (sealed) row until removed. The
   * sweeper removes them on every sweep; without it, this timer does (the delete is idempotent, so
   * instances need no agreement).
   */
  private static ScheduledExecutorService removeExpiredChallenges(
      GarminAuthDatabase database, Clock clock) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "garmin-auth-housekeeping");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            int removed = database.challenges().deleteExpired(clock.instant());
            if (removed > 0) {
              LOG.info("removed {} expired MFA challenge(s)", removed);
            }
          } catch (RuntimeException e) {
            LOG.warn("could not remove expired MFA challenges: {}", e.getMessage());
          }
        },
        1,
        5,
        TimeUnit.MINUTES);
    return timer;
  }

  /** Opens the configured database (without migrating). */
  static GarminAuthDatabase openDatabase(ServerConfig config, DataDirectory dataDir, Clock clock) {
    dataDir.create();
    KeyRing keys = keyRing(config, dataDir);
    DatabaseSettings settings =
        config
            .database()
            .map(
                d ->
                    new DatabaseSettings(
                        d.jdbcUrl(),
                        d.user().orElse(""),
                        d.password().map(Secret::reveal).orElse(""),
                        d.maxPoolSize()))
            .orElseGet(() -> DatabaseSettings.h2File(dataDir.root()))
            .withNearCacheSize(config.nearCacheSize());
    try {
      return GarminAuthDatabase.open(settings, keys, clock, config.policy().refreshMargin());
    } catch (StorageException e) {
      throw EmbeddedDatabaseLock.explain(config, dataDir, e);
    }
  }

  private static KeyRing keyRing(ServerConfig config, DataDirectory dataDir) {
    if (config.encryptionKeys().isPresent()) {
      try {
        return KeyRing.parse(config.encryptionKeys().get().reveal());
      } catch (KeyRingException | GarminAuthException e) {
        throw new ConfigException("GARMIN_AUTH_ENCRYPTION_KEYS", e.getMessage());
      }
    }
    LOG.warn(
        "GARMIN_AUTH_ENCRYPTION_KEYS is not set: sealing secrets with the key file {} (keep it"
            + " safe and apart from database backups; set the variable for production)",
        dataDir.encryptionKeyFile());
    if (config.database().isEmpty()) {
      // ADR 0314: the generated key stays where it always was, and the start says what that means
      LOG.warn(
          "the generated encryption key {} and the database it protects are both in {}: a backup"
              + " of that directory holds the sealed tokens AND the key that opens them; back up"
              + " the key file separately, or set GARMIN_AUTH_ENCRYPTION_KEYS",
          dataDir.encryptionKeyFile(),
          dataDir.root());
    }
    try {
      return KeyRing.loadOrCreate(dataDir.encryptionKeyFile());
    } catch (KeyRingException e) {
      throw new ConfigException(
          "GARMIN_AUTH_DATA_DIR",
          "the key file " + dataDir.encryptionKeyFile() + " is unusable: " + e.getMessage());
    }
  }

  /**
   * The secret that keys Garmin emails in the sign-in counts: configured, or derived from the
   * encryption key (the same on every instance that shares the keys).
   */
  private static byte[] loginKeySecret(ServerConfig config, DataDirectory dataDir) {
    if (config.fleet().loginKeySecret().isPresent()) {
      return config
          .fleet()
          .loginKeySecret()
          .get()
          .reveal()
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    KeyRing keys =
        config.encryptionKeys().isPresent()
            ? KeyRing.parse(config.encryptionKeys().get().reveal())
            : KeyRing.loadOrCreate(dataDir.encryptionKeyFile());
    return keys.derive("garmin-auth login attempt email key v1");
  }

  private static GarminClient garminClient(GarminSettings garmin) {
    GarminEndpoints endpoints =
        garmin.ssoUrl().isPresent()
            ? GarminEndpoints.custom(
                garmin.ssoUrl().get(),
                garmin.connectApiUrl().orElseThrow(),
                garmin.diAuthUrl().orElseThrow(),
                garmin.domain())
            : GarminEndpoints.forDomain(garmin.domain());
    GarminClient.Builder client =
        GarminClient.builder()
            .endpoints(endpoints)
            .allowCustomEndpoints(garmin.allowCustomEndpoints())
            .signInFlows(garmin.signIn().strategies())
            .signInPacing(garmin.signIn().pacing())
            .signInTimeout(garmin.signIn().timeout());
    if (garmin.oauthConsumerKey().isPresent()) {
      client.oauthConsumer(garmin.oauthConsumerKey().get(), garmin.oauthConsumerSecret().get());
    }
    return GarminIdentitySettings.build(client, garmin);
  }

  GarminAuth auth() {
    return auth;
  }

  @Override
  public long degradedReads() {
    return database.degradedReads();
  }

  GarminAuthDatabase database() {
    return database;
  }

  @Override
  public UseCases useCases() {
    return new UseCases(
        auth,
        auth,
        auth,
        auth,
        (userId, format, data) ->
            auth.importSession(
                userId,
                GarminSessionFiles.parse(format, data, importClock.instant(), importDomain)));
  }

  @Override
  public FeedUseCases feeds() {
    EventFeedService service = new EventFeedService(database.directory(), database.events());
    return new FeedUseCases(service, service);
  }

  @Override
  public Optional<CallGarminConnect> garminCalls() {
    return Optional.ofNullable(garminCalls);
  }

  @Override
  public Optional<LoginAttemptStore> loginAttempts() {
    return Optional.of(database.loginAttempts());
  }

  @Override
  public Optional<ManageGarminCooldowns> cooldowns() {
    return Optional.of(auth);
  }

  @Override
  public boolean isReady() {
    return database.isReady();
  }

  @Override
  public Map<String, String> garminIdentity() {
    return garminIdentity;
  }

  @Override
  public Map<ConnectionStatus, Long> countByStatus() {
    return database.connections().countByStatus();
  }

  @Override
  public void close() {
    housekeeping.ifPresent(ScheduledExecutorService::shutdownNow);
    events.ifPresent(EventServices::close);
    try {
      sweeper.ifPresent(RefreshSweeper::close);
    } finally {
      try {
        database.close();
      } finally {
        fakeGarmin.ifPresent(FakeGarmin::close);
      }
    }
  }
}
