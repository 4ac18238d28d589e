package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a caller does with the server, end to end: connect, tokens, keys, imports, restarts. */
abstract class ServerFlowsContract extends ServerEndToEndBase {
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
    // A forced refresh needs a token at least 30 s old (H2ServerFleetLimitsTest shows the refusal).
    clock.advance(Duration.ofSeconds(30));

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
}
