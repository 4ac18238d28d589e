package com.fittrack.garminauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the API refuses before a use case runs: keys, scopes, bodies, content types, rates. */
class RequestGuardsTest {
  private ApiHarness api;

  @BeforeEach
  void start() {
    api = new ApiHarness(3);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String code(java.net.http.HttpResponse<String> r) throws Exception {
    return ApiHarness.json(r).get("code").asText();
  }

  @Test
  void requestWithoutKeyIsUnauthorized() throws Exception {
    var r = api.get("/v1/connections/user-42", null);

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("unauthorized");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void requestWithWrongKeyIsUnauthorized() throws Exception {
    var r = api.get("/v1/connections/user-42", ApiHarness.ADMIN_KEY + "x");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("unauthorized");
  }

  @Test
  void keyWithoutTheScopeIsForbiddenAndNamesTheScope() throws Exception {
    var r = api.postJson("/v1/connections/user-42/token", ApiHarness.READER_KEY, null);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(code(r)).isEqualTo("forbidden");
    assertThat(r.body()).contains("tokens:read");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void tokensKeyCannotSignUsersIn() throws Exception {
    var r = api.postJson(ApiHarness.LOGIN, ApiHarness.TOKENS_KEY, ApiHarness.CREDENTIALS);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("connections:write");
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() throws Exception {
    String big = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(17 * 1024) + "\"}";

    var r = api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, big);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(code(r)).isEqualTo("payload_too_large");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] big = ("{\"email\":\"" + "x".repeat(64 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    var request =
        java.net.http.HttpRequest.newBuilder(api.uri(ApiHarness.LOGIN))
            .header("Authorization", "Bearer " + ApiHarness.ADMIN_KEY)
            .header("Content-Type", "application/json")
            // no length: the client sends it chunked, so only reading can find the size
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big)))
            .build();

    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(code(r)).isEqualTo("payload_too_large");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void bodyThatIsNotJsonContentIsRefusedWith415() throws Exception {
    var form =
        api.send(
            "POST", ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, "text/plain", ApiHarness.CREDENTIALS);
    var none =
        api.send("POST", ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, null, ApiHarness.CREDENTIALS);
    var latin1 =
        api.send(
            "POST",
            ApiHarness.LOGIN,
            ApiHarness.ADMIN_KEY,
            "application/json; charset=latin1",
            "{}");

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(code(form)).isEqualTo("unsupported_media_type");
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(latin1.statusCode()).isEqualTo(415);
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void jsonWithCharsetUtf8IsAccepted() throws Exception {
    var r =
        api.send(
            "POST",
            ApiHarness.LOGIN,
            ApiHarness.ADMIN_KEY,
            "application/json; charset=UTF-8",
            ApiHarness.CREDENTIALS);

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownFieldIsRejectedAndNamed() throws Exception {
    var r =
        api.postJson(
            ApiHarness.LOGIN,
            ApiHarness.ADMIN_KEY,
            "{\"email\":\"runner@example.com\",\"password\":\"pw-secret\",\"remember\":true}");

    assertThat(r.statusCode()).isEqualTo(400);
    var body = ApiHarness.json(r);
    assertThat(body.get("code").asText()).isEqualTo("validation_failed");
    assertThat(body.get("field").asText()).isEqualTo("remember");
    assertThat(r.body()).doesNotContain("pw-secret");
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void malformedDuplicatedOrMistypedJsonIsAValidationFailureThatEchoesNothing() throws Exception {
    String[] bodies = {
      "{\"email\":\"runner@example.com\",\"password\":\"pw-secret\"",
      "{\"email\":\"runner@example.com\",\"password\":\"pw-secret\",\"password\":\"x\"}",
      "{\"email\":\"runner@example.com\",\"password\":[\"pw-secret\"]}",
      "{\"email\":\"runner@example.com\",\"password\":\"pw-secret\"} {}",
      "",
      "null"
    };
    for (String body : bodies) {
      var r = api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(code(r)).isEqualTo("validation_failed");
      assertThat(r.body()).doesNotContain("pw-secret");
    }
    assertThat(api.stub.calls).isEmpty();
  }

  @Test
  void missingPasswordIsNamed() throws Exception {
    var r =
        api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, "{\"email\":\"runner@example.com\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiHarness.json(r).get("field").asText()).isEqualTo("password");
  }

  @Test
  void signInsFromOneAddressAreLimitedWithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(
              api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS)
                  .statusCode())
          .isEqualTo(200);
    }

    var limited = api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(code(limited)).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(api.stub.calls).hasSize(3);

    api.clock.advance(Duration.ofMinutes(1));
    assertThat(
            api.postJson(ApiHarness.LOGIN, ApiHarness.ADMIN_KEY, ApiHarness.CREDENTIALS)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void theAddressLimitDoesNotApplyToTokenRequests() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(
              api.postJson("/v1/connections/user-42/token", ApiHarness.TOKENS_KEY, null)
                  .statusCode())
          .isEqualTo(200);
    }
  }
}
