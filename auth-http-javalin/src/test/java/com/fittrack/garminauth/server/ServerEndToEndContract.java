package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server (database, Garmin client, core) on a random port against FakeGarmin, driven over
 * HTTP as a caller in any language would. Subclasses choose the database.
 */
@Tag("integration")
abstract class ServerEndToEndContract {
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

  // ---- the two demo flows ---------------------------------------------------------------

  @Test
  void connectsAnAccountWithoutMfaAndHandsOutItsToken() throws Exception {
    ServerClient api = startClient();
    String user = newUser();

    ServerClient.Reply login = connectPlain(api, user);

    assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
    assertThat(login.text("userId")).isEqualTo(user);
    assertThat(login.text("status")).isEqualTo("CONNECTED");
    assertThat(login.raw().body()).doesNotContain("accessToken\"").doesNotContain("demo-password");
    ServerClient.Reply token = api.withKey(WORKER).token(user);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.text("tokenType")).isEqualTo("Bearer");
    assertThat(token.text("accessToken")).isNotBlank();
    assertThat(Instant.parse(token.text("expiresAt"))).isAfter(Instant.now());
    assertThat(api.withKey(READER).status(user).text("status")).isEqualTo("CONNECTED");
  }

  @Test
  void connectsAnAccountWithMfaAndHandsOutItsToken() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String challenge = startMfa(api, user);

    ServerClient.Reply done = api.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE);

    assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
    assertThat(done.text("status")).isEqualTo("CONNECTED");
    assertThat(api.token(user).status()).isEqualTo(200);
    assertProblem(api.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE), 404, "challenge_not_found");
  }

  @Test
  void aTokenGarminRefusedIsReplacedOnceHoweverOftenItIsReported() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    connectPlain(api, user);
    String refused = api.token(user).text("accessToken");
    String body = ServerClient.JSON.writeValueAsString(Map.of("rejectedToken", refused));

    ServerClient.Reply fresh =
        api.send("POST", "/v1/connections/" + user + "/token", "application/json", body);
    ServerClient.Reply again =
        api.send("POST", "/v1/connections/" + user + "/token", "application/json", body);

    assertThat(fresh.status()).as(fresh.raw().body()).isEqualTo(200);
    assertThat(fresh.text("accessToken")).isNotEqualTo(refused);
    assertThat(again.text("accessToken")).isEqualTo(fresh.text("accessToken"));
    assertThat(api.token(user).text("accessToken")).isEqualTo(fresh.text("accessToken"));
  }

  @Test
  void disconnectDeletesTheSessionAndItsTokens() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    connectPlain(api, user);

    assertThat(api.disconnect(user).status()).isEqualTo(204);

    assertProblem(api.status(user), 404, "not_connected");
    assertProblem(api.token(user), 404, "not_connected");
    assertThat(api.disconnect(user).status()).isEqualTo(204);
  }

  // ---- every error code -------------------------------------------------------------------

  @Test
  void wrongPasswordIsInvalidCredentials() throws Exception {
    ServerClient api = startClient();

    assertProblem(
        api.login(newUser(), FakeGarmin.DEMO_EMAIL, "not-the-password"),
        422,
        "invalid_credentials");
  }

  @Test
  void lockedAccountIsAccountLocked() throws Exception {
    ServerClient api = startClient();

    assertProblem(
        api.login(newUser(), LOCKED_EMAIL, FakeGarmin.DEMO_PASSWORD), 423, "account_locked");
  }

  @Test
  void wrongMfaCodeIsInvalidMfaCodeAndTheRightOneStillWorks() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String challenge = startMfa(api, user);

    ServerClient.Reply wrong = api.mfa(user, challenge, "000000");

    assertProblem(wrong, 422, "invalid_mfa_code");
    assertThat(wrong.body().path("attemptsLeft").asInt()).isEqualTo(4);
    assertThat(api.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE).status()).isEqualTo(200);
  }

  @Test
  void unknownChallengeIsChallengeNotFound() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String challenge = startMfa(api, user);

    assertProblem(api.mfa(newUser(), challenge, "123456"), 404, "challenge_not_found");
    assertProblem(
        api.mfa(user, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "123456"),
        404,
        "challenge_not_found");
  }

  @Test
  void challengePastItsLifetimeIsChallengeExpired() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String challenge = startMfa(api, user);

    clock.advance(Duration.ofMinutes(11));

    assertProblem(api.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE), 410, "challenge_expired");
  }

  @Test
  void tooManySignInsForOneUserAreRateLimitedWithRetryAfter() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    for (int i = 0; i < 3; i++) {
      assertThat(api.login(user, FakeGarmin.DEMO_EMAIL, "wrong-password").status()).isEqualTo(422);
    }

    ServerClient.Reply limited = api.login(user, FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);

    assertProblem(limited, 429, "rate_limited");
    assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
    assertThat(fake.counters().toString()).isNotEmpty();
  }

  @Test
  void tooManySignInsFromOneAddressAreRateLimited() throws Exception {
    ServerClient api = client(startServer(Map.of("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS", "2")));
    connectPlain(api, newUser());
    connectPlain(api, newUser());

    ServerClient.Reply limited = connectPlain(api, newUser());

    assertProblem(limited, 429, "rate_limited");
    assertThat(limited.text("detail")).contains("address");
  }

  @Test
  void garminRateLimitingIsRateLimited() throws Exception {
    ServerClient api = startClient();
    fake.blockAll(Block.RATE_LIMITED);

    ServerClient.Reply r = connectPlain(api, newUser());

    assertProblem(r, 429, "rate_limited");
  }

  @Test
  void garminDownIsGarminUnavailable() throws Exception {
    ServerClient api = startClient();
    for (FakeEndpoint endpoint : FakeEndpoint.values()) {
      fake.failAlways(endpoint, Fault.status(503));
    }

    assertProblem(connectPlain(api, newUser()), 503, "garmin_unavailable");
  }

  @Test
  void garminAnsweringNonsenseIsGarminProtocolError() throws Exception {
    ServerClient api = startClient();
    fake.failAlways(FakeEndpoint.DI_TOKEN, Fault.htmlBody());
    fake.failAlways(FakeEndpoint.PREAUTHORIZED, Fault.htmlBody());

    assertProblem(connectPlain(api, newUser()), 502, "garmin_protocol_error");
  }

  @Test
  void sessionGarminRevokedIsReauthRequired() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    // shorter than the refresh margin: every token request refreshes first
    fake.accessTokenLifetime(Duration.ofSeconds(60));
    connectPlain(api, user);
    fake.revokeSessions(FakeGarmin.DEMO_EMAIL);

    assertProblem(api.token(user), 409, "reauth_required");

    ServerClient.Reply status = api.status(user);
    assertThat(status.text("status")).isEqualTo("REAUTH_REQUIRED");
    assertThat(status.body().path("lastFailure").path("code").asText()).isNotBlank();
  }

  @Test
  void unknownUserIsNotConnected() throws Exception {
    ServerClient api = startClient();

    assertProblem(api.status(newUser()), 404, "not_connected");
    assertProblem(api.token(newUser()), 404, "not_connected");
  }

  @Test
  void malformedInputIsValidationFailedAndReachesNobody() throws Exception {
    ServerClient api = startClient();

    ServerClient.Reply badEmail = api.login(newUser(), "not-an-email", "pw");
    ServerClient.Reply badUser = api.login("bad%20user", FakeGarmin.DEMO_EMAIL, "pw");
    ServerClient.Reply unknownField =
        api.send(
            "POST",
            "/v1/connections/" + newUser() + "/login",
            "application/json",
            "{\"email\":\"demo@example.com\",\"password\":\"demo-password\",\"admin\":true}");
    ServerClient.Reply badCode = api.mfa(newUser(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "12ab");

    assertProblem(badEmail, 400, "validation_failed");
    assertThat(badEmail.text("field")).isEqualTo("email");
    assertProblem(badUser, 400, "validation_failed");
    assertProblem(unknownField, 400, "validation_failed");
    assertThat(unknownField.text("field")).isEqualTo("admin");
    assertProblem(badCode, 400, "validation_failed");
    assertThat(badCode.text("field")).isEqualTo("code");
    assertThat(fake.counters().toString()).doesNotContain("demo-password");
  }

  @Test
  void bodiesOverTheLimitOrNotJsonAreRefused() throws Exception {
    ServerClient api = startClient();
    String path = "/v1/connections/" + newUser() + "/login";

    assertProblem(
        api.send("POST", path, "application/json", "{\"email\":\"" + "a".repeat(20_000) + "\"}"),
        413,
        "payload_too_large");
    assertProblem(api.send("POST", path, "text/plain", "email=a"), 415, "unsupported_media_type");
  }

  // ---- keys and scopes -------------------------------------------------------------------

  @Test
  void everyRouteButHealthNeedsAKeyWithItsScope() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    connectPlain(api, user);

    assertProblem(api.withKey(null).token(user), 401, "unauthorized");
    assertProblem(api.withKey(ADMIN + "x").status(user), 401, "unauthorized");
    assertProblem(
        api.withKey(WORKER).login(user, FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD),
        403,
        "forbidden");
    assertProblem(api.withKey(WORKER).status(user), 403, "forbidden");
    assertProblem(api.withKey(READER).token(user), 403, "forbidden");
    assertProblem(api.withKey(READER).disconnect(user), 403, "forbidden");
    assertThat(api.withKey(WORKER).token(user).status()).isEqualTo(200);
    assertThat(api.withKey(READER).status(user).status()).isEqualTo(200);
    assertThat(api.withKey(null).get("/health/live").status()).isEqualTo(200);
    assertThat(api.withKey(null).get("/health/ready").status()).isEqualTo(200);
    assertThat(api.withKey(null).get("/openapi.json").text("openapi")).startsWith("3.1");
  }

  // ---- import, restart, metrics ------------------------------------------------------------

  @Test
  void importsAPythonGarminconnectSession() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String jwt = fakeJwt(Instant.now().plus(Duration.ofHours(2)));
    String session =
        "{\"di_token\":\""
            + jwt
            + "\",\"di_refresh_token\":\"refresh-abc\",\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}";

    ServerClient.Reply imported =
        api.importSession(
            user,
            ServerClient.JSON.writeValueAsString(
                Map.of("format", "garminconnect", "data", session)));

    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    assertThat(imported.text("credentialType")).isEqualTo("DI_OAUTH2");
    assertThat(imported.raw().body()).doesNotContain(jwt).doesNotContain("refresh-abc");
    assertThat(api.token(user).text("accessToken")).isEqualTo(jwt);
  }

  @Test
  void garbageSessionImportIsValidationFailed() throws Exception {
    ServerClient api = startClient();

    ServerClient.Reply r =
        api.importSession(
            newUser(), "{\"format\":\"garminconnect\",\"data\":\"{\\\"di_token\\\":\\\"x\\\"}\"}");

    assertProblem(r, 400, "validation_failed");
  }

  @Test
  void mfaStartedBeforeARestartCompletesAfterIt() throws Exception {
    GarminAuthServer first = startServer(Map.of());
    String user = newUser();
    String challenge = startMfa(client(first), user);
    first.close();

    ServerClient second = client(startServer(Map.of()));
    ServerClient.Reply done = second.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE);

    assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
    assertThat(second.token(user).status()).isEqualTo(200);
  }

  @Test
  void metricsCountWhatHappened() throws Exception {
    ServerClient api = startClient();
    connectPlain(api, newUser());

    String metrics = api.withKey(null).send("GET", "/metrics", null, null).raw().body();

    assertThat(metrics).contains("garmin_auth_connections_total{credential_type=\"DI_OAUTH2\"}");
    assertThat(metrics).contains("garmin_auth_sessions{status=\"CONNECTED\"}");
    assertThat(metrics).contains("garmin_auth_http_requests_seconds_count");
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
