package com.fittrack.garminauth.reliability;

import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.persistence.crypto.KeyRing;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Several server JVMs on one PostgreSQL schema, all pointed at one FakeGarmin in the test JVM, with
 * users signed in through them. Closing it kills every server that is still running.
 */
final class ServerFleet implements AutoCloseable {
  static final String PASSWORD = "fleet-password";

  final List<ServerProcess> servers = new ArrayList<>();
  final List<String> users;
  final ServerApi api;
  private final PostgresTestDatabase pg;
  private final FakeGarmin fake;

  private ServerFleet(PostgresTestDatabase pg, FakeGarmin fake, List<String> users, String apiKey) {
    this.pg = pg;
    this.fake = fake;
    this.users = users;
    this.api = new ServerApi(apiKey);
  }

  /**
   * Starts {@code count} servers (in parallel) with {@code settings} on top of the shared ones, and
   * waits until every one answers {@code /health/ready}.
   */
  static ServerFleet start(
      PostgresTestDatabase pg,
      FakeGarmin fake,
      int count,
      int userCount,
      Map<String, String> settings) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String apiKey = "reliability-" + HexFormat.of().formatHex(secret);
    List<String> users =
        IntStream.range(0, userCount).mapToObj(i -> String.format("user-%02d", i)).toList();
    users.forEach(u -> fake.addAccount(FakeAccount.plain(email(u), PASSWORD)));
    ServerFleet fleet = new ServerFleet(pg, fake, users, apiKey);
    Map<String, String> env = new HashMap<>(settings);
    env.put("GARMIN_AUTH_DB_URL", pg.jdbcUrl());
    env.put("GARMIN_AUTH_DB_USER", pg.user());
    if (!pg.password().isEmpty()) {
      env.put("GARMIN_AUTH_DB_PASSWORD", pg.password());
    }
    env.put("GARMIN_AUTH_DB_POOL_SIZE", "5");
    env.put("GARMIN_AUTH_ENCRYPTION_KEYS", KeyRing.generateKeySpec());
    env.put(
        "GARMIN_AUTH_API_KEYS",
        "reliability:" + apiKey + ":tokens:read+connections:read+connections:write");
    env.put("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true");
    env.put("GARMIN_AUTH_GARMIN_SSO_URL", fake.ssoUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_CONNECTAPI_URL", fake.connectApiUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_DIAUTH_URL", fake.diAuthUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY", FakeGarmin.CONSUMER_KEY);
    env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET", FakeGarmin.CONSUMER_SECRET);
    try {
      for (int i = 0; i < count; i++) {
        fleet.servers.add(ServerProcess.start("server-" + i, env));
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                for (ServerProcess s : fleet.servers) {
                  if (!s.isAlive()) {
                    throw new IllegalStateException(s + " exited; its log ends:\n" + s.logTail());
                  }
                }
                return fleet.servers.stream().allMatch(s -> fleet.api.ready(s.baseUrl()));
              });
      for (int i = 0; i < users.size(); i++) {
        String user = users.get(i);
        ServerApi.Reply reply = fleet.api.login(fleet.url(i % count), user, email(user), PASSWORD);
        if (reply.status() != 200) {
          throw new IllegalStateException("login of " + user + " answered " + reply);
        }
      }
      return fleet;
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  static String email(String user) {
    return user + "@example.com";
  }

  URI url(int server) {
    return servers.get(server).baseUrl();
  }

  List<URI> urls(int... indexes) {
    return IntStream.of(indexes).mapToObj(this::url).toList();
  }

  /** Users whose refresh lease is held right now, read straight from the table. */
  Set<String> leasedUsers() throws SQLException {
    Instant now = Instant.now();
    Set<String> leased = new HashSet<>();
    leases()
        .forEach(
            (user, until) -> {
              if (until.isAfter(now)) {
                leased.add(user);
              }
            });
    return leased;
  }

  /** Every lease recorded in the table (live or run out): user and {@code lease_until}. */
  Map<String, Instant> leases() throws SQLException {
    Map<String, Instant> leases = new HashMap<>();
    try (Connection c = pg.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT user_id, lease_until FROM garmin_connection"
                    + " WHERE lease_holder IS NOT NULL");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        leases.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    return leases;
  }

  /** When each of {@code users}' stored token expires, from {@code GET /v1/connections/{id}}. */
  Instant latestExpiry(List<String> someUsers, int server) {
    return someUsers.stream()
        .map(u -> api.status(url(server), u).body().path("accessTokenExpiresAt").asText())
        .map(Instant::parse)
        .max(Instant::compareTo)
        .orElseThrow();
  }

  /** A token from {@code server}, or an assertion error saying what came instead. */
  ServerApi.Token token(URI server, String user) {
    ServerApi.Reply reply = api.token(server, user);
    return ServerApi.tokenOf(reply)
        .orElseThrow(() -> new AssertionError("token for " + user + ": " + reply));
  }

  /** The stored status of {@code user} (CONNECTED, REAUTH_REQUIRED), through server 0. */
  String status(String user) {
    return api.status(url(0), user).body().path("status").asText();
  }

  void awaitLeased(List<String> someUsers) {
    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> leasedUsers().containsAll(someUsers));
  }

  /** Refreshes FakeGarmin completed for {@code user}'s account. */
  long refreshes(String user) {
    return fake.counters().refreshes(email(user));
  }

  Map<String, Long> refreshesPerUser(List<String> someUsers) {
    Map<String, Long> counts = new HashMap<>();
    someUsers.forEach(u -> counts.put(u, refreshes(u)));
    return counts;
  }

  @Override
  public void close() {
    for (ServerProcess s : servers) {
      s.close();
    }
  }
}
