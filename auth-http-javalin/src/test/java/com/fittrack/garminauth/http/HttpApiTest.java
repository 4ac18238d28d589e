package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaMethod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiTest {

  private ApiHarness api;

  @BeforeEach
  void start() {
    api = new ApiHarness(3);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return ApiHarness.json(r);
  }

  @Test
  void loginThatConnectsAnswersTheConnectionViewWithoutAnyToken() throws Exception {
    var r = api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("userId").asText()).isEqualTo("user-42");
    assertThat(body.get("status").asText()).isEqualTo("CONNECTED");
    assertThat(body.get("credentialType").asText()).isEqualTo("DI_OAUTH2");
    assertThat(body.get("garminDisplayName").asText()).isEqualTo("Demo Runner");
    assertThat(body.get("accessTokenExpiresAt").asText()).isEqualTo("2026-11-26T08:00:00Z");
    assertThat(body.has("lastFailure")).isTrue();
    assertThat(r.body()).doesNotContain("jwt-").doesNotContain("hunter2");
    LoginCommand sent = (LoginCommand) api.stub.calls.get(0);
    assertThat(sent.email()).isEqualTo("runner@example.com");
    assertThat(sent.password().reveal()).isEqualTo("hunter2-secret");
  }

  @Test
  void loginThatMeetsMfaAnswers202WithTheChallenge() throws Exception {
    ChallengeId id = ChallengeId.random();
    api.stub.login =
        c ->
            new LoginResult.MfaRequired(
                id, MfaMethod.EMAIL, StubUseCases.NOW.plus(Duration.ofMinutes(10)));

    var r = api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS);

    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = json(r);
    assertThat(body.get("status").asText()).isEqualTo("MFA_REQUIRED");
    assertThat(body.get("challengeId").asText()).isEqualTo(id.value());
    assertThat(body.get("mfaMethod").asText()).isEqualTo("email");
    assertThat(body.get("expiresAt").asText()).isEqualTo("2026-11-26T07:10:00Z");
  }

  @Test
  void mfaCodeCompletesTheChallenge() throws Exception {
    String id = ChallengeId.random().value();
    var r =
        api.postJson(
            "/v1/connections/user-42/mfa",
            ApiHarness.ADMIN_KEY,
            "{\"challengeId\":\"" + id + "\",\"code\":\"123456\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("CONNECTED");
    assertThat(api.stub.calls.get(0).toString()).contains(id).doesNotContain("123456");
  }

  @Test
  void statusOfAnUnknownUserIsNotConnected() throws Exception {
    api.stub.status = u -> Optional.empty();

    var r = api.get("/v1/connections/nobody", ApiHarness.READER_KEY);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = json(r);
    assertThat(body.get("code").asText()).isEqualTo("not_connected");
    assertThat(body.get("status").asInt()).isEqualTo(404);
    assertThat(body.get("type").asText()).isEqualTo("urn:garmin-auth:problem:not_connected");
    assertThat(body.get("instance").asText()).isEqualTo("/v1/connections/nobody");
  }

  @Test
  void disconnectAnswers204AndCallsTheUseCase() throws Exception {
    var r = api.send("DELETE", "/v1/connections/user-42", ApiHarness.ADMIN_KEY, null, null);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(api.stub.calls).containsExactly("disconnect user-42");
  }

  @Test
  void tokenAnswersTheBearerTokenAndItsExpiry() throws Exception {
    var r = api.postJson("/v1/connections/user-42/token", ApiHarness.TOKENS_KEY, null);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("accessToken").asText()).isEqualTo("jwt-user-42");
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(body.get("expiresAt").asText()).isEqualTo("2026-11-26T08:00:00Z");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void tokenWithARejectedTokenAsksForARefreshAfterRejection() throws Exception {
    var r =
        api.postJson(
            "/v1/connections/user-42/token",
            ApiHarness.TOKENS_KEY,
            "{\"rejectedToken\":\"jwt-user-42\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("accessToken").asText()).isEqualTo("fresh-jwt-user-42");
    assertThat(api.stub.calls).containsExactly("refresh after rejection user-42");
  }

  @Test
  void tokenWithABodyThatIsNotJsonOrNamesNoTokenIsRefused() throws Exception {
    var text =
        api.send("POST", "/v1/connections/user-42/token", ApiHarness.TOKENS_KEY, "text/plain", "x");
    var empty = api.postJson("/v1/connections/user-42/token", ApiHarness.TOKENS_KEY, "{}");

    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).get("field").asText()).isEqualTo("rejectedToken");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void sessionImportPassesFormatAndDataToTheImporter() throws Exception {
    var r = api.putSession("{\"format\":\"garth\",\"data\":\"W3siYSI6MX1d\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(api.stub.calls).containsExactly("import user-42 garth");
  }

  @Test
  void sessionImportWithoutDataIsAValidationFailure() throws Exception {
    var r = api.putSession("{\"format\":\"garth\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("data");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void malformedUserIdIsRejectedBeforeAnyUseCase() throws Exception {
    var r =
        api.postJson(
            "/v1/connections/bad%20id/login", ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("code").asText()).isEqualTo("validation_failed");
    assertThat(json(r).get("field").asText()).isEqualTo("userId");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void securityHeadersAreSetOnAnswersAndProblems() throws Exception {
    for (var r :
        new HttpResponse<?>[] {api.get("/health/live", null), api.get("/v1/connections/u", null)}) {
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
      assertThat(r.headers().firstValue("Server")).isEmpty();
    }
  }

  @Test
  void healthReadyFollowsTheReadinessCheck() throws Exception {
    assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);

    api.ready.set(false);

    var r = api.get("/health/ready", null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("status").asText()).isEqualTo("DOWN");
    assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAndOpenApiNeedNoKey() throws Exception {
    var metrics = api.get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).isEqualTo("# metrics\n");

    var doc = api.get("/openapi.json", null);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(json(doc).get("openapi").asText()).startsWith("3.1");
  }

  @Test
  void unknownRouteIsAProblemDocument() throws Exception {
    var r = api.get("/v2/nothing", ApiHarness.ADMIN_KEY);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void unexpectedFailureAnswers500WithoutItsMessageOrStackTrace() throws Exception {
    api.stub.status =
        u -> {
          throw new IllegalStateException("boom secret-detail at Foo.java:12");
        };

    var r = api.get("/v1/connections/user-42", ApiHarness.READER_KEY);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r).get("code").asText()).isEqualTo("internal_error");
    assertThat(r.body()).doesNotContain("secret-detail").doesNotContain("IllegalState");
    assertThat(r.body()).doesNotContain(".java");
  }
}
