package com.fittrack.garminauth.server;

import com.fittrack.garminauth.http.AddressLoginLimiter;
import com.fittrack.garminauth.http.ApiKey;
import com.fittrack.garminauth.http.ApiKeys;
import com.fittrack.garminauth.http.HttpApi;
import com.fittrack.garminauth.http.Scope;
import com.fittrack.garminauth.persistence.GarminAuthDatabase;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone server: the REST API over the use cases, a database, the Garmin client and the
 * refresh sweeper, in one process.
 *
 * <pre>{@code
 * try (GarminAuthServer server = GarminAuthServer.start(ServerConfig.fromEnvironment(System.getenv()))) {
 *   System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class GarminAuthServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GarminAuthServer.class);

  private final ServerConfig config;
  private final ServerMetrics metrics;
  private final Backend backend;
  private final HttpApi api;
  private final Javalin app;
  private final boolean generatedAdminKey;
  private boolean closed;

  private GarminAuthServer(
      ServerConfig config,
      ServerMetrics metrics,
      Backend backend,
      HttpApi api,
      Javalin app,
      boolean generatedAdminKey) {
    this.config = config;
    this.metrics = metrics;
    this.backend = backend;
    this.api = api;
    this.app = app;
    this.generatedAdminKey = generatedAdminKey;
  }

  /** Starts on the real adapters: migrates the database, then listens. */
  public static GarminAuthServer start(ServerConfig config) {
    return start(config, Backends::open);
  }

  static GarminAuthServer start(ServerConfig config, Backend.Factory backends) {
    long started = System.nanoTime();
    DataDirectory dataDir = new DataDirectory(config.dataDir());
    dataDir.create();
    ApiKeys apiKeys = apiKeys(config, dataDir);
    // jOOQ and the HTTP stack are made ready on the other core while the database opens
    prepareInBackground(config.database().map(DatabaseConfig::jdbcUrl).orElse("jdbc:h2:"));
    ServerMetrics metrics = new ServerMetrics();
    Backend backend = null;
    try {
      backend = backends.open(config, dataDir, metrics);
      dataDir.restrictFiles();
      metrics.sessionsByStatus(backend::countByStatus);
      metrics.garminIdentity(backend.garminIdentity());
      metrics.degradedReads(backend::degradedReads);
      Backend ready = backend;
      HttpApi api =
          new HttpApi(
              backend.useCases(),
              apiKeys,
              new AddressLoginLimiter(
                  config.loginAttemptsPerAddress(),
                  config.loginAttemptWindow(),
                  Clock.systemUTC(),
                  backend
                      .loginAttempts()
                      .map(store -> (AddressLoginLimiter.SharedCounter) store::recordAttempt),
                  config.fleet().trustedProxyHeader()),
              new HttpApi.Options(
                  config.maxBodyBytes(),
                  config.metricsPublic(),
                  ready::isReady,
                  metrics::scrape,
                  ready::garminIdentity),
              metrics.registry(),
              HttpApi.Features.none()
                  .withFeeds(backend.feeds())
                  .withGarminCalls(backend.garminCalls(), config.proxy())
                  .withCooldowns(backend.cooldowns()));
      backend.cooldowns().ifPresent(c -> CooldownMetrics.register(metrics.registry(), c));
      Javalin app =
          listen(
              Javalin.create(
                  javalin -> {
                    api.configure(javalin);
                    javalin.jetty.modifyServer(
                        jetty -> {
                          // Javalin nests its context inside this wrapper; on stop, Jetty then
                          // waits for responses still being written before closing connections
                          jetty.setHandler(new GracefulHandler());
                          jetty.setStopTimeout(Math.max(1, config.shutdownGrace().toMillis()));
                        });
                  }),
              config);
      GarminAuthServer server =
          new GarminAuthServer(config, metrics, backend, api, app, config.apiKeys().isEmpty());
      LOG.info(
          "garmin-auth listening on http://{}:{} ({} ms; {})",
          config.bind(),
          app.port(),
          (System.nanoTime() - started) / 1_000_000,
          StartLine.database(config, dataDir));
      if (!config.demo()) {
        LOG.info("{}", StartLine.docs("http://" + config.bind() + ":" + app.port()));
      }
      return server;
    } catch (RuntimeException e) {
      if (backend != null) {
        backend.close();
      }
      metrics.close();
      throw e;
    }
  }

  private static void prepareInBackground(String jdbcUrl) {
    headStart("garmin-auth-start-jooq", () -> GarminAuthDatabase.prepare(jdbcUrl));
    headStart("garmin-auth-start-http", HttpApi::prepare);
  }

  /** Runs {@code work} on a daemon thread of its own; a failure there is only logged. */
  private static void headStart(String name, Runnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (RuntimeException | LinkageError e) {
                // only a head start: the main thread makes the same things itself
                LOG.debug("{} failed", name, e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private static Javalin listen(Javalin app, ServerConfig config) {
    try {
      return app.start(config.bind(), config.port());
    } catch (JavalinBindException e) {
      throw new ConfigException(
          "GARMIN_AUTH_PORT",
          config.bind()
              + ":"
              + config.port()
              + " cannot be bound (in use, or not an address here)");
    }
  }

  private static ApiKeys apiKeys(ServerConfig config, DataDirectory dataDir) {
    if (config.apiKeys().isPresent()) {
      return new ApiKeys(config.apiKeys().get());
    }
    DataDirectory.GeneratedKey admin = dataDir.adminKey();
    LOG.warn(
        "GARMIN_AUTH_API_KEYS is not set: using the admin API key (all scopes) {} {}",
        admin.generatedNow() ? "generated into" : "from",
        dataDir.adminKeyFile());
    return new ApiKeys(List.of(ApiKey.of("admin", admin.secret(), EnumSet.allOf(Scope.class))));
  }

  /** The port the server listens on (useful with {@code GARMIN_AUTH_PORT=0}). */
  public int port() {
    return app.port();
  }

  public ServerConfig config() {
    return config;
  }

  /** Whether callers use the admin key from the data directory (no GARMIN_AUTH_API_KEYS). */
  boolean usesGeneratedAdminKey() {
    return generatedAdminKey;
  }

  /**
   * Stops gracefully: new requests get 503 while those in flight finish (up to the configured
   * grace), then the listener, the sweeper and the database pool close.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("garmin-auth stopping");
    if (!api.drain(config.shutdownGrace())) {
      LOG.warn("requests still running after {}; stopping anyway", config.shutdownGrace());
    }
    try {
      app.stop();
    } finally {
      try {
        backend.close();
      } finally {
        metrics.close();
      }
    }
    LOG.info("garmin-auth stopped");
  }
}
