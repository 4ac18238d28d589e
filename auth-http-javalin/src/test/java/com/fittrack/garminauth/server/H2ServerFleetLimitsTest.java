package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's side of issue 13 over HTTP, on the embedded H2: a Garmin block cools sign-ins down
 * (seen in /health/ready, listed and cleared by an admin), the forced-refresh floor, and the
 * per-address limit behind a trusted proxy header. The same across three processes on PostgreSQL:
 * reliability/FleetCooldownTest.
 */
class H2ServerFleetLimitsTest extends ServerEndToEndBase {
  static final String OPS = "e2e-ops-key-0123456789abcdefghijklmn";

  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  private ServerClient start(Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(extra);
    overrides.put(
        "GARMIN_AUTH_API_KEYS",
        "admin:" + ADMIN + ":connections:write+connections:read+tokens:read;ops:" + OPS + ":admin");
    return client(startServer(overrides));
  }

  @Test
  void aGarminBlockCoolsSignInsDownUntilAnAdminClearsIt() throws Exception {
    ServerClient api = start(Map.of());
    ServerClient ops = api.withKey(OPS);
    fake.blockAll(Block.GARMIN_RATE_LIMIT);

    ServerClient.Reply blocked = connectPlain(api, newUser());
    assertProblem(blocked, 429, "rate_limited");
    assertThat(blocked.raw().headers().firstValue("Retry-After")).hasValue("60");

    // Garmin would answer now, but nobody asks it until the cooldown ends.
    fake.clearFaults();
    for (var strategy : com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy.values()) {
      fake.unblock(strategy);
    }
    clock.advance(Duration.ofSeconds(20));
    ServerClient.Reply refused = connectPlain(api, newUser());
    assertProblem(refused, 429, "rate_limited");
    // 40 s left on the movable clock, which also runs in real time (a loaded machine may say less)
    assertThat(Integer.parseInt(refused.raw().headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 40);
    assertThat(refused.text("detail")).contains("nothing was sent to Garmin");
    assertThat(fake.counters().loginAttempts()).isZero();

    ServerClient.Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().path("garminCooldowns")).hasSize(1);
    String key = ready.body().path("garminCooldowns").get(0).path("key").asText();
    assertThat(key).startsWith("signin:").endsWith("|direct");
    assertThat(ready.body().path("garminCooldowns").get(0).path("retryAfterSeconds").asLong())
        .isBetween(1L, 40L);

    assertProblem(api.get("/v1/admin/garmin-cooldowns"), 403, "forbidden");
    ServerClient.Reply listed = ops.get("/v1/admin/garmin-cooldowns");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().path("cooldowns").get(0).path("key").asText()).isEqualTo(key);
    assertThat(listed.body().path("cooldowns").get(0).path("active").asBoolean()).isTrue();
    assertThat(listed.body().path("cooldowns").get(0).path("strikes").asInt()).isEqualTo(1);

    String path = "/v1/admin/garmin-cooldowns/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    assertThat(ops.send("DELETE", path, null, null).status()).isEqualTo(204);
    assertProblem(ops.send("DELETE", path, null, null), 404, "not_found");
    assertProblem(
        ops.send("DELETE", "/v1/admin/garmin-cooldowns/has%20space", null, null),
        400,
        "validation_failed");

    assertThat(connectPlain(api, newUser()).status()).isEqualTo(200);
    assertThat(fake.counters().loginAttempts()).isEqualTo(1);
    assertThat(ops.get("/v1/admin/garmin-cooldowns").body().path("cooldowns")).isEmpty();
  }

  @Test
  void afterTheCooldownTheNextSignInProbesAndEndsIt() throws Exception {
    ServerClient api = start(Map.of());
    fake.blockAll(Block.GARMIN_RATE_LIMIT);
    assertProblem(connectPlain(api, newUser()), 429, "rate_limited");
    for (var strategy : com.fittrack.garminauth.testkit.fakegarmin.FakeStrategy.values()) {
      fake.unblock(strategy);
    }

    clock.advance(Duration.ofSeconds(60));

    assertThat(connectPlain(api, newUser()).status()).isEqualTo(200);
    assertThat(api.get("/health/ready").body().path("garminCooldowns")).isEmpty();
    assertThat(api.get("/metrics").raw().body())
        .contains("garmin_auth_garmin_cooldowns_active 0.0");
  }

  @Test
  void aForcedRefreshOfAFreshTokenIsRefusedWithoutCallingGarmin() throws Exception {
    ServerClient api = start(Map.of());
    String user = newUser();
    assertThat(connectPlain(api, user).status()).isEqualTo(200);
    String token = api.token(user).text("accessToken");

    ServerClient.Reply forced =
        api.send(
            "POST",
            "/v1/connections/" + user + "/token",
            "application/json",
            "{\"rejectedToken\":\"" + token + "\"}");

    assertProblem(forced, 429, "rate_limited");
    assertThat(Integer.parseInt(forced.raw().headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 30);
    assertThat(fake.counters().refreshes()).isZero();

    clock.advance(Duration.ofSeconds(30));
    ServerClient.Reply later =
        api.send(
            "POST",
            "/v1/connections/" + user + "/token",
            "application/json",
            "{\"rejectedToken\":\"" + token + "\"}");
    assertThat(later.status()).as(later.raw().body()).isEqualTo(200);
    assertThat(fake.counters().refreshes()).isEqualTo(1);
  }

  @Test
  void behindATrustedProxyTheAddressLimitCountsTheAddressTheProxyAdded() throws Exception {
    GarminAuthServer server =
        startServer(
            Map.of(
                "GARMIN_AUTH_TRUSTED_PROXY_HEADER", "X-Forwarded-For",
                "GARMIN_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS", "2",
                "GARMIN_AUTH_LOGIN_ATTEMPTS_PER_USER", "100"));

    assertThat(loginVia(server, "6.6.6.6, 203.0.113.7")).isEqualTo(200);
    assertThat(loginVia(server, "7.7.7.7, 203.0.113.7")).isEqualTo(200);
    // A forged first entry does not buy more attempts: the proxy's entry is what counts.
    assertThat(loginVia(server, "8.8.8.8, 203.0.113.7")).isEqualTo(429);
    assertThat(loginVia(server, "203.0.113.8")).isEqualTo(200);
  }

  @Test
  void withoutTheSettingTheForwardedHeaderIsIgnored() throws Exception {
    GarminAuthServer server =
        startServer(
            Map.of(
                "GARMIN_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS", "2",
                "GARMIN_AUTH_LOGIN_ATTEMPTS_PER_USER", "100"));

    assertThat(loginVia(server, "203.0.113.1")).isEqualTo(200);
    assertThat(loginVia(server, "203.0.113.2")).isEqualTo(200);
    assertThat(loginVia(server, "203.0.113.3")).isEqualTo(429);
  }

  private static int loginVia(GarminAuthServer server, String forwardedFor) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.port()
                        + "/v1/connections/"
                        + newUser()
                        + "/login"))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", forwardedFor)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\""
                        + FakeGarmin.DEMO_EMAIL
                        + "\",\"password\":\""
                        + FakeGarmin.DEMO_PASSWORD
                        + "\"}"))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
