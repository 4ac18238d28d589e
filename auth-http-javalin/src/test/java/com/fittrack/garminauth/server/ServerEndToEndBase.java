package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server (database, Garmin client, core) on a random port against FakeGarmin, driven over
 * HTTP as a caller in any language would: setup and helpers. Subclasses choose the database.
 */
@Tag("integration")
abstract class ServerEndToEndBase {
  static final String ADMIN = "e2e-admin-key-0123456789abcdefghij";
  static final String WORKER = "e2e-worker-key-0123456789abcdefghij";
  static final String READER = "e2e-reader-key-0123456789abcdefghij";
  static final String LOCKED_EMAIL = "locked@example.com";

  static FakeGarmin fake;
  @TempDir Path dataDir;
  final MovableClock clock = new MovableClock();
  private final List<GarminAuthServer> servers = new ArrayList<>();

  /** GARMIN_AUTH_DB_* for the database under test (none: H2 in the data dir). */
  abstract Map<String, String> databaseEnv();

  @BeforeAll
  static void startFakeGarmin() {
    fake =
        FakeGarmin.builder()
            .demoAccounts()
            .account(FakeAccount.locked(LOCKED_EMAIL, FakeGarmin.DEMO_PASSWORD))
            .start();
  }

  @AfterAll
  static void stopFakeGarmin() {
    fake.close();
  }

  @BeforeEach
  void resetFakeGarmin() {
    fake.reset();
  }

  @AfterEach
  void stopServers() {
    servers.forEach(GarminAuthServer::close);
  }

  Map<String, String> env(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("GARMIN_AUTH_PORT", "0");
    env.put("GARMIN_AUTH_DATA_DIR", dataDir.toString());
    env.put(
        "GARMIN_AUTH_API_KEYS",
        "admin:"
            + ADMIN
            + ":connections:write+connections:read+tokens:read+metrics:read;worker:"
            + WORKER
            + ":tokens:read;reader:"
            + READER
            + ":connections:read");
    env.put("GARMIN_AUTH_GARMIN_ALLOW_CUSTOM_ENDPOINTS", "true");
    env.put("GARMIN_AUTH_GARMIN_SSO_URL", fake.ssoUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_CONNECTAPI_URL", fake.connectApiUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_DIAUTH_URL", fake.diAuthUrl().toString());
    env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_KEY", FakeGarmin.CONSUMER_KEY);
    env.put("GARMIN_AUTH_GARMIN_OAUTH_CONSUMER_SECRET", FakeGarmin.CONSUMER_SECRET);
    env.put("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_USER", "3");
    // every test signs in the same demo accounts, on one database per class
    env.put("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_EMAIL", "1000");
    env.put("GARMIN_AUTH_SWEEPER_ENABLED", "false");
    env.putAll(databaseEnv());
    env.putAll(overrides);
    return env;
  }

  GarminAuthServer startServer(Map<String, String> overrides) {
    GarminAuthServer server =
        GarminAuthServer.start(
            ServerConfig.fromEnvironment(env(overrides)),
            (config, dir, metrics) -> Adapters.open(config, dir, metrics, true, clock));
    servers.add(server);
    return server;
  }

  ServerClient client(GarminAuthServer server) {
    return new ServerClient(server.port(), ADMIN);
  }

  ServerClient startClient() {
    return client(startServer(Map.of()));
  }

  static String newUser() {
    return "user-" + UUID.randomUUID();
  }

  static ServerClient.Reply connectPlain(ServerClient api, String user) throws Exception {
    return api.login(user, FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);
  }

  static String startMfa(ServerClient api, String user) throws Exception {
    ServerClient.Reply r = api.login(user, FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(202);
    assertThat(r.text("status")).isEqualTo("MFA_REQUIRED");
    assertThat(r.text("mfaMethod")).isEqualTo("email");
    return r.text("challengeId");
  }

  static void assertProblem(ServerClient.Reply r, int status, String code) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.text("type")).isEqualTo("urn:garmin-auth:problem:" + code);
  }

  static String fakeJwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"exp\":"
                    + exp.getEpochSecond()
                    + ",\"client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}")
                .getBytes(StandardCharsets.UTF_8));
    return header
        + "."
        + payload
        + "."
        + b64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
  }
}
