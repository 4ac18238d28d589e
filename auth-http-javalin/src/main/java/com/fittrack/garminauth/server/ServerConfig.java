package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.SweepSettings;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.http.ApiKey;
import com.fittrack.garminauth.http.GarminProxy;
import com.fittrack.garminauth.http.HttpApi;
import com.fittrack.garminauth.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the server is configured with, read from {@code GARMIN_AUTH_*} environment variables
 * (all documented in README). With no variable set it runs on the embedded defaults: H2 and
 * generated keys in {@code ./data}, {@code 127.0.0.1:7070}.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
 * try (GarminAuthServer server = GarminAuthServer.start(config)) { ... }
 * }</pre>
 *
 * @param nearCacheSize users whose opened session this process keeps for token reads (0: off)
 * @param encryptionKeys the {@code id:base64key,...} spec; empty: a key file in the data dir
 * @param apiKeys empty: an admin key generated into the data dir
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    Optional<DatabaseConfig> database,
    int nearCacheSize,
    Optional<Secret> encryptionKeys,
    Optional<List<ApiKey>> apiKeys,
    GarminSettings garmin,
    AuthPolicy policy,
    boolean sweeperEnabled,
    SweepSettings sweep,
    int loginAttemptsPerAddress,
    Duration loginAttemptWindow,
    boolean metricsPublic,
    int maxBodyBytes,
    Duration shutdownGrace,
    boolean demo,
    EventSettings events,
    GarminProxy.Settings proxy,
    FleetSettings fleet) {

  /** Reads the configuration; throws {@link ConfigException} naming the first bad variable. */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    return read(new EnvReader(env), false);
  }

  /** As {@link #fromEnvironment(Map)}, for {@code serve --demo}: data in ./data/demo. */
  public static ServerConfig forDemo(Map<String, String> env) {
    return read(new EnvReader(env), true);
  }

  /** The names of every variable the server reads. */
  public static Set<String> variables() {
    EnvReader reader = new EnvReader(Map.of());
    read(reader, false);
    return new TreeSet<>(reader.asked());
  }

  /** {@code GARMIN_AUTH_*} names in {@code env} that the server does not know (likely typos). */
  public static Set<String> unknownVariables(Map<String, String> env) {
    Set<String> known = variables();
    known.addAll(Set.of("GARMIN_AUTH_LOG_FORMAT", "GARMIN_AUTH_LOG_LEVEL"));
    Set<String> unknown = new TreeSet<>();
    for (String name : env.keySet()) {
      boolean forTests =
          name.startsWith("GARMIN_AUTH_TEST_") || name.equals("GARMIN_AUTH_REQUIRE_PG");
      if (name.startsWith("GARMIN_AUTH_") && !known.contains(name) && !forTests) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private static ServerConfig read(EnvReader env, boolean demo) {
    String bind = env.string("GARMIN_AUTH_BIND", "127.0.0.1");
    int port = env.integer("GARMIN_AUTH_PORT", 7070, 0, 65535);
    Path dataDir = Path.of(env.string("GARMIN_AUTH_DATA_DIR", demo ? "./data/demo" : "./data"));
    Optional<DatabaseConfig> database = DatabaseConfig.read(env);
    int nearCacheSize =
        env.integer(
            "GARMIN_AUTH_NEAR_CACHE_SIZE",
            DatabaseSettings.DEFAULT_NEAR_CACHE_SIZE,
            0,
            DatabaseSettings.MAX_NEAR_CACHE_SIZE);
    Optional<Secret> encryptionKeys = env.string("GARMIN_AUTH_ENCRYPTION_KEYS").map(Secret::of);
    Optional<List<ApiKey>> apiKeys = env.string(ApiKeySpec.VARIABLE).map(ApiKeySpec::parse);
    GarminSettings garmin = GarminSettings.read(env);
    AuthPolicy policy = policy(env);
    boolean sweeperEnabled = env.bool("GARMIN_AUTH_SWEEPER_ENABLED", true);
    SweepSettings sweep = sweep(env);
    int perAddress = env.integer("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS", 60, 1, 1_000_000);
    Duration window =
        env.seconds("GARMIN_AUTH_LOGIN_ATTEMPT_WINDOW_SECONDS", Duration.ofMinutes(15), 1, 86_400);
    boolean metricsPublic = env.bool("GARMIN_AUTH_METRICS_PUBLIC", true);
    int maxBody =
        env.integer(
            "GARMIN_AUTH_MAX_BODY_BYTES", HttpApi.Options.DEFAULT_MAX_BODY_BYTES, 1024, 1 << 20);
    Duration grace =
        env.seconds("GARMIN_AUTH_SHUTDOWN_GRACE_SECONDS", Duration.ofSeconds(10), 0, 300);
    FleetSettings fleet = FleetSettings.read(env);
    return new ServerConfig(
        bind,
        port,
        dataDir,
        database,
        nearCacheSize,
        encryptionKeys,
        apiKeys,
        garmin,
        policy.toBuilder()
            .loginAttemptWindow(window)
            .forcedRefreshFloor(fleet.forcedRefreshFloor())
            .cooldownBase(fleet.cooldownBase())
            .cooldownMax(fleet.cooldownMax())
            .loginAttemptsPerEmail(fleet.loginAttemptsPerEmail())
            .build(),
        sweeperEnabled,
        sweep,
        perAddress,
        window,
        metricsPublic,
        maxBody,
        grace,
        demo,
        EventSettings.read(env),
        ProxyConfig.read(env),
        fleet);
  }

  /** One second more than the Garmin client's default total call timeout. */
  static final int MIN_REFRESH_LEASE_SECONDS = 11;

  private static AuthPolicy policy(EnvReader env) {
    AuthPolicy d = AuthPolicy.defaults();
    Duration margin =
        env.seconds("GARMIN_AUTH_REFRESH_MARGIN_SECONDS", d.refreshMargin(), 1, 86_400);
    // The lease must outlast the Garmin client's whole call (10 s): a shorter lease lets a
    // second worker present the same rotating refresh token while the first still waits.
    Duration lease =
        env.seconds(
            "GARMIN_AUTH_REFRESH_LEASE_SECONDS", d.refreshLease(), MIN_REFRESH_LEASE_SECONDS, 600);
    Duration challengeTtl =
        env.seconds("GARMIN_AUTH_MFA_CHALLENGE_TTL_SECONDS", d.challengeTtl(), 60, 3600);
    int mfaAttempts = env.integer("GARMIN_AUTH_MFA_MAX_ATTEMPTS", d.maxMfaAttempts(), 1, 20);
    int perUser =
        env.integer(
            "GARMIN_AUTH_LOGIN_ATTEMPTS_PER_USER", d.loginAttemptsPerWindow(), 1, 1_000_000);
    return d.toBuilder()
        .refreshMargin(margin)
        .refreshLease(lease)
        // a loser must wait a little longer than a winner may hold the lease
        .leaseWait(lease.plusSeconds(5))
        .challengeTtl(challengeTtl)
        .maxMfaAttempts(mfaAttempts)
        .loginAttemptsPerWindow(perUser)
        .build();
  }

  private static SweepSettings sweep(EnvReader env) {
    SweepSettings d = SweepSettings.defaults();
    return new SweepSettings(
        env.seconds("GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", d.horizon(), 1, 86_400),
        env.seconds("GARMIN_AUTH_SWEEPER_INTERVAL_SECONDS", d.interval(), 1, 86_400),
        env.integer("GARMIN_AUTH_SWEEPER_BATCH_SIZE", d.batchSize(), 1, 10_000),
        env.integer("GARMIN_AUTH_SWEEPER_PARALLELISM", d.parallelism(), 1, 256),
        d.rateLimitPause());
  }

  /** A copy listening on {@code newPort} (0: any free port; tests use it). */
  public ServerConfig withPort(int newPort) {
    return copy(newPort, garmin);
  }

  /** A copy whose Garmin settings are replaced (demo mode points them at FakeGarmin). */
  ServerConfig withGarmin(GarminSettings newGarmin) {
    return copy(port, newGarmin);
  }

  private ServerConfig copy(int newPort, GarminSettings newGarmin) {
    return new ServerConfig(
        bind,
        newPort,
        dataDir,
        database,
        nearCacheSize,
        encryptionKeys,
        apiKeys,
        newGarmin,
        policy,
        sweeperEnabled,
        sweep,
        loginAttemptsPerAddress,
        loginAttemptWindow,
        metricsPublic,
        maxBodyBytes,
        shutdownGrace,
        demo,
        events,
        proxy,
        fleet);
  }
}
