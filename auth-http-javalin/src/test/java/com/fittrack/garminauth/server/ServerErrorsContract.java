package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.testkit.fakegarmin.Block;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error code the real stack can produce, end to end, as status and problem document. */
abstract class ServerErrorsContract extends ServerEndToEndBase {
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
    // shorter than the refresh margin: in the last tenth of its life (the last 6 s), a token
    // request refreshes first
    fake.accessTokenLifetime(Duration.ofSeconds(60));
    connectPlain(api, user);
    fake.revokeSessions(FakeGarmin.DEMO_EMAIL);
    clock.advance(Duration.ofSeconds(55));

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
}
