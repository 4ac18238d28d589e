package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: what an adversarial review of the server found, one regression test per point, on the
 * real server over HTTP. Subclasses choose the database.
 */
abstract class ServerHardeningContract extends ServerEndToEndBase {
  private static final Pattern METHOD_TAG = Pattern.compile("method=\"([^\"]*)\"");
  private static final Pattern ROUTE_TAG = Pattern.compile("route=\"([^\"]*)\"");
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> call(int port, String method, String path, String key, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- 1. method override ----------------------------------------------------------------------

  @Test
  void methodOverrideHeaderNeverTurnsAReadIntoAWrite() throws Exception {
    GarminAuthServer server = startServer(Map.of());
    ServerClient api = client(server);
    String user = newUser();
    assertThat(connectPlain(api, user).status()).isEqualTo(200);
    String path = "/v1/connections/" + user;

    HttpResponse<String> get =
        call(server.port(), "GET", path, ADMIN, "X-HTTP-Method-Override", "DELETE");
    HttpResponse<String> head =
        call(server.port(), "HEAD", path, ADMIN, "X-HTTP-Method-Override", "DELETE");
    HttpResponse<String> mint =
        call(server.port(), "GET", path + "/token", ADMIN, "X-HTTP-Method-Override", "POST");

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(mint.statusCode()).isEqualTo(405);
    assertThat(mint.body()).doesNotContain("accessToken");
    assertThat(api.status(user).text("status")).isEqualTo("CONNECTED");
    assertThat(metricsText(server)).doesNotContain("method=\"DELETE\"");
  }

  // ---- 2. metric series
  // --------------------------------------------------------------------------

  @Test
  void requestMetricTagsComeFromFixedSets() throws Exception {
    GarminAuthServer server = startServer(Map.of());
    Random random = new Random(14);
    for (int i = 0; i < 150; i++) {
      String junk = "M" + Long.toHexString(random.nextLong()).toUpperCase();
      call(server.port(), "GET", "/health/live", null, "X-HTTP-Method-Override", junk);
      call(server.port(), junk, "/health/live", null);
      call(server.port(), "GET", "/nowhere/" + junk, null);
      call(server.port(), "GET", "/v1/connections/" + junk.toLowerCase(), null);
    }

    String metrics = metricsText(server);
    List<String> series =
        metrics
            .lines()
            .filter(l -> l.startsWith("garmin_auth_http_requests_seconds_count"))
            .toList();
    assertThat(series).hasSizeLessThan(40);
    for (String line : series) {
      Matcher method = METHOD_TAG.matcher(line);
      assertThat(method.find()).isTrue();
      assertThat(method.group(1))
          .isIn("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "other");
      Matcher route = ROUTE_TAG.matcher(line);
      assertThat(route.find()).isTrue();
      assertThat(route.group(1)).doesNotStartWith("/nowhere").doesNotContain("/v1/connections/m");
    }
    assertThat(metrics.length()).isLessThan(200_000);
  }

  String metricsText(GarminAuthServer server) throws Exception {
    HttpResponse<String> r = call(server.port(), "GET", "/metrics", ADMIN);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  // ---- 3 + 4. imported expiries --------------------------------------------------------------

  static String jwtWithPayload(String payloadJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
  }

  static String garminconnectSession(String expLiteral) {
    String jwt =
        jwtWithPayload(
            "{\"iss\":\"https://diauth.garmin.com\",\"exp\":"
                + expLiteral
                + ",\"client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}");
    return "{\"di_token\":\""
        + jwt
        + "\",\"di_refresh_token\":\"refresh-abc\",\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI\"}";
  }

  ServerClient.Reply importData(ServerClient api, String user, String format, String data)
      throws Exception {
    return api.importSession(
        user, ServerClient.JSON.writeValueAsString(Map.of("format", format, "data", data)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775807", // Long.MAX: 500 from the JWT reader
        "9405715200000", // year 300000: 503 on PostgreSQL
        "-219832003200", // year -5000
        "253402300799", // year 9999
        "-1", // 1969
        "PAST", // an hour ago
        "FAR", // a year ahead: longer than any lifetime Garmin issues
        "\"9999999999\"", // a number as a string
        "1.7e9", // not a whole number
        "18446744073709551616" // 2^64: must not wrap
      })
  void importedDiExpiriesThatCannotBeGarminsAreRefusedNamingTheField(String exp) throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    long now = Instant.now().getEpochSecond();
    String literal =
        switch (exp) {
          case "PAST" -> Long.toString(now - 3600);
          case "FAR" -> Long.toString(now + 365L * 24 * 3600);
          default -> exp;
        };

    ServerClient.Reply r = importData(api, user, "garminconnect", garminconnectSession(literal));

    assertProblem(r, 400, "validation_failed");
    assertThat(r.body().path("retryable").asBoolean()).isFalse();
    assertThat(r.text("field")).isEqualTo("di_token.exp");
    assertProblem(api.status(user), 404, "not_connected");
  }

  @ParameterizedTest
  @ValueSource(strings = {"WRAP", "9223372036854775807", "\"1795000000\"", "-5", "FAR"})
  void importedGarthExpiriesThatCannotBeGarminsAreRefused(String expiresAt) throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    long now = Instant.now().getEpochSecond();
    String literal =
        switch (expiresAt) {
          // 2^64 + now: read as a long it wraps to "now"
          case "WRAP" ->
              new java.math.BigInteger("18446744073709551616")
                  .add(java.math.BigInteger.valueOf(now + 3600))
                  .toString();
          case "FAR" -> Long.toString(now + 365L * 24 * 3600);
          default -> expiresAt;
        };
    String garth =
        "{\"oauth1_token\":{\"oauth_token\":\"tok-1\",\"oauth_token_secret\":\"sec-1\",\"domain\":\"garmin.com\"},"
            + "\"oauth2_token\":{\"access_token\":\"acc-1\",\"refresh_token\":\"ref-1\",\"token_type\":\"Bearer\","
            + "\"expires_in\":75017,\"expires_at\":"
            + literal
            + "}}";

    ServerClient.Reply r = importData(api, user, "garth", garth);

    assertProblem(r, 400, "validation_failed");
    assertThat(r.text("field")).isEqualTo("oauth2_token.expires_at");
    assertProblem(api.status(user), 404, "not_connected");
  }

  @Test
  void duplicateKeysInsideTheSessionAreRefused() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String jwt = fakeJwt(Instant.now().plus(Duration.ofHours(2)));
    String session =
        "{\"di_token\":\""
            + jwt
            + "\",\"di_refresh_token\":\"refresh-abc\",\"di_refresh_token\":\"refresh-def\"}";
    String dupInJwt =
        garminconnectSession(
            Instant.now().plus(Duration.ofHours(2)).getEpochSecond()
                + ",\"exp\":"
                + Instant.now().plus(Duration.ofHours(3)).getEpochSecond());

    assertProblem(importData(api, user, "garminconnect", session), 400, "validation_failed");
    assertProblem(importData(api, user, "garminconnect", dupInJwt), 400, "validation_failed");
    assertProblem(api.status(user), 404, "not_connected");
  }

  // ---- 6. errors outside the contract ------------------------------------------------------

  @Test
  void everyErrorJettyAnswersItselfIsAProblemDocumentWithOurHeaders() throws Exception {
    GarminAuthServer server = startServer(Map.of());
    int port = server.port();
    List<RawHttp.Answer> answers = new ArrayList<>();
    RawHttp.Answer bigHeader =
        RawHttp.send(port, "GET /health/live HTTP/1.1\r\nX-Big: " + "a".repeat(9000), null);
    RawHttp.Answer longUri = RawHttp.get(port, "/" + "a".repeat(20_000));
    assertThat(bigHeader.status()).isEqualTo(431);
    assertThat(longUri.status()).isEqualTo(414);
    answers.add(bigHeader);
    answers.add(longUri);
    for (String path : List.of("/v1/%", "/v1/%00", "/v1/\"", "/v1/%C0%AE", "/v1/connections/%zz")) {
      RawHttp.Answer a = RawHttp.get(port, path);
      assertThat(a.status()).as(path).isEqualTo(400);
      answers.add(a);
    }
    RawHttp.Answer connect = RawHttp.send(port, "CONNECT 127.0.0.1:443 HTTP/1.1", null);
    assertThat(connect.status()).isBetween(400, 499);
    answers.add(connect);

    for (RawHttp.Answer a : answers) {
      assertThat(a.header("Content-Type"))
          .as(a.status() + " " + a.headers() + " " + a.body())
          .startsWith("application/problem+json");
      assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(a.header("Cache-Control")).isEqualTo("no-store");
      assertThat(a.header("Content-Security-Policy")).isNotNull();
      JsonNode problem = a.json();
      assertThat(problem.path("status").asInt()).isEqualTo(a.status());
      assertThat(problem.path("code").asText()).isNotBlank();
      assertThat(problem.path("type").asText()).startsWith("urn:garmin-auth:problem:");
      assertThat(a.body()).doesNotContain("<html").doesNotContain("Jetty");
    }
  }

  // ---- 8. smaller points -------------------------------------------------------------------

  @Test
  void unauthorizedAnswersSayHowToAuthenticate() throws Exception {
    GarminAuthServer server = startServer(Map.of());

    HttpResponse<String> noKey = call(server.port(), "GET", "/v1/connections/someone", null);
    HttpResponse<String> wrongKey =
        call(
            server.port(), "POST", "/v1/connections/someone/token", "wrong-key-000000000000000000");

    for (HttpResponse<String> r : List.of(noKey, wrongKey)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  @Test
  void headOnAProtectedRouteRunsTheKeyCheck() throws Exception {
    GarminAuthServer server = startServer(Map.of());
    ServerClient api = client(server);
    String user = newUser();
    connectPlain(api, user);

    HttpResponse<String> noKey = call(server.port(), "HEAD", "/v1/connections/" + user, null);
    HttpResponse<String> workerKey = call(server.port(), "HEAD", "/v1/connections/" + user, WORKER);
    HttpResponse<String> withKey = call(server.port(), "HEAD", "/v1/connections/" + user, ADMIN);
    HttpResponse<String> health = call(server.port(), "HEAD", "/health/live", null);

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(workerKey.statusCode()).isEqualTo(403);
    assertThat(withKey.statusCode()).isEqualTo(200);
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentMfaSubmissionsWhileOneIsJudgedGetARetryableConflict() throws Exception {
    ServerClient api = startClient();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 3; round++) {
        String user = newUser();
        String challenge = startMfa(api, user);
        // Garmin takes its time judging the code: the other submissions arrive meanwhile
        fake.latency(Duration.ofMillis(400));
        List<Future<ServerClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Callable<ServerClient.Reply> submit = () -> api.mfa(user, challenge, "000000");
          replies.add(pool.submit(submit));
        }
        for (Future<ServerClient.Reply> f : replies) {
          ServerClient.Reply r = f.get();
          if (r.status() == 409) {
            assertProblem(r, 409, "challenge_in_progress");
            assertThat(r.body().path("retryable").asBoolean()).isTrue();
          } else {
            // the one (or few, one after another) that Garmin judged
            assertProblem(r, 422, "invalid_mfa_code");
          }
        }
        fake.latency(Duration.ZERO);
        assertThat(api.mfa(user, challenge, FakeGarmin.DEMO_MFA_CODE).status()).isEqualTo(200);
      }
    } finally {
      fake.latency(Duration.ZERO);
      pool.shutdownNow();
    }
  }

  // ---- 10. imports of garth-ng and of sessions without a refresh token ----------------------

  /** A DI access token as Garmin issues it (sanitized): kid, scope list, issuer, client id. */
  static String diJwt(String issuer, Instant exp) {
    return jwtWithPayload(
        "{\"scope\":[\"CONNECT_READ\",\"CONNECT_WRITE\"],\"iss\":\""
            + issuer
            + "\",\"exp\":"
            + exp.getEpochSecond()
            + ",\"iat\":"
            + exp.minusSeconds(3599).getEpochSecond()
            + ",\"client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2\","
            + "\"jti\":\"8e2f4a6c-1d3b-4f5a-8c7e-9b0d2f4a6c8e\","
            + "\"sub\":\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\"}");
  }

  /** garth-ng's oauth2_token.json: the DI exchange answer plus expiries and the client id. */
  static String garthNgOauth2(String jwt, Instant exp) {
    long now = exp.minusSeconds(3599).getEpochSecond();
    return "{\"scope\":\"CONNECT_READ CONNECT_WRITE\",\"jti\":\"8e2f4a6c-1d3b-4f5a-8c7e-9b0d2f4a6c8e\","
        + "\"token_type\":\"bearer\",\"access_token\":\""
        + jwt
        + "\",\"refresh_token\":\"eyJyZWZyZXNoVG9rZW5WYWx1ZSI6ImQ0ZTVmNmE3In0\","
        + "\"expires_in\":3599,\"expires_at\":"
        + exp.getEpochSecond()
        + ",\"refresh_token_expires_in\":2591999,\"refresh_token_expires_at\":"
        + (now + 2591999)
        + ",\"client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2\"}";
  }

  @Test
  void importsGarthNgSessionsAsDiCredentials() throws Exception {
    ServerClient api = startClient();
    Instant exp = Instant.now().plus(Duration.ofMinutes(59));
    String jwt = diJwt("https://diauth.garmin.com", exp);
    String oauth2 = garthNgOauth2(jwt, exp);
    String dumps =
        Base64.getEncoder().encodeToString(("[" + oauth2 + "]").getBytes(StandardCharsets.UTF_8));
    String dumpsUser = newUser();
    String fileUser = newUser();
    String wrappedUser = newUser();

    ServerClient.Reply fromDumps = importData(api, dumpsUser, "garth", dumps);
    ServerClient.Reply fromFile =
        api.importSession(fileUser, ServerClient.JSON.writeValueAsString(Map.of("data", oauth2)));
    ServerClient.Reply fromWrapped =
        importData(api, wrappedUser, "garth", "{\"oauth2_token\":" + oauth2 + "}");

    for (ServerClient.Reply r : List.of(fromDumps, fromFile, fromWrapped)) {
      assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      assertThat(r.text("credentialType")).isEqualTo("DI_OAUTH2");
      assertThat(r.text("refreshTokenExpiresAt")).isNotBlank();
    }
    assertThat(api.token(dumpsUser).text("accessToken")).isEqualTo(jwt);
    assertThat(api.token(fileUser).text("accessToken")).isEqualTo(jwt);
  }

  @Test
  void aSessionWithoutRefreshTokenServesUntilItExpiresThenNeedsTheUser() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String jwt = diJwt("https://diauth.garmin.com", Instant.now().plus(Duration.ofHours(2)));
    String session =
        "{\"di_token\":\""
            + jwt
            + "\",\"di_refresh_token\":null,\"di_client_id\":\"GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2\"}";

    ServerClient.Reply imported = importData(api, user, "garminconnect", session);

    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    assertThat(api.token(user).text("accessToken")).isEqualTo(jwt);
    // inside the refresh margin: a refreshable session would refresh now; this one cannot
    clock.advance(Duration.ofMinutes(118));
    ServerClient.Reply nearExpiry = api.token(user);
    assertThat(nearExpiry.status()).as(nearExpiry.raw().body()).isEqualTo(200);
    assertThat(nearExpiry.text("accessToken")).isEqualTo(jwt);
    clock.advance(Duration.ofMinutes(5));

    assertProblem(api.token(user), 409, "reauth_required");
    assertThat(api.status(user).text("status")).isEqualTo("REAUTH_REQUIRED");
    assertThat(fake.counters().refreshes()).isZero();
    assertThat(fake.counters().diExchanges()).isZero();
  }

  @Test
  void aDiSessionsDomainComesFromItsIssuer() throws Exception {
    ServerClient api = startClient();
    String user = newUser();
    String jwt = diJwt("https://diauth.garmin.cn", Instant.now().plus(Duration.ofHours(1)));
    String session = "{\"di_token\":\"" + jwt + "\",\"di_refresh_token\":\"refresh-abc\"}";
    String foreign =
        "{\"di_token\":\""
            + diJwt("https://diauth.example.org", Instant.now().plus(Duration.ofHours(1)))
            + "\",\"di_refresh_token\":\"refresh-abc\"}";

    ServerClient.Reply china = importData(api, user, "garminconnect", session);
    ServerClient.Reply notGarmin = importData(api, user, "garminconnect", foreign);

    assertProblem(china, 400, "validation_failed");
    assertThat(china.text("field")).isEqualTo("di_token.iss");
    assertThat(china.text("detail")).contains("garmin.cn");
    assertProblem(notGarmin, 400, "validation_failed");
    assertThat(notGarmin.text("field")).isEqualTo("di_token.iss");
    assertProblem(api.status(user), 404, "not_connected");
  }
}
