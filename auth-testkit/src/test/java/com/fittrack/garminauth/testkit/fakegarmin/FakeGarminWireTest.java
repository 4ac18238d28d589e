package com.fittrack.garminauth.testkit.fakegarmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FakeGarmin's wire shapes, driven with plain HTTP rather than the client it exists to test. */
@Tag("integration")
class FakeGarminWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  private static final String SERVICE = "https://mobile.integration.garmin.com/gcm/android";

  @RegisterExtension static final FakeGarminExtension garmin = new FakeGarminExtension();

  /** A browser: its own cookie jar. */
  private static OkHttpClient browser() {
    List<Cookie> jar = new ArrayList<>();
    return new OkHttpClient.Builder()
        .readTimeout(Duration.ofSeconds(1))
        .cookieJar(
            new CookieJar() {
              @Override
              public synchronized void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
                jar.addAll(cookies);
              }

              @Override
              public synchronized List<Cookie> loadForRequest(HttpUrl url) {
                return List.copyOf(jar);
              }
            })
        .build();
  }

  private static HttpUrl url(String path) {
    return HttpUrl.get(garmin.fake().baseUrl() + path);
  }

  private static HttpUrl api(String path) {
    return url(path)
        .newBuilder()
        .addQueryParameter("clientId", "GCM_ANDROID_DARK")
        .addQueryParameter("locale", "en-US")
        .addQueryParameter("service", SERVICE)
        .build();
  }

  private record Answer(int code, String contentType, String body, String header) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Answer send(OkHttpClient client, Request request, String header)
      throws IOException {
    try (Response r = client.newCall(request).execute()) {
      return new Answer(
          r.code(), r.header("Content-Type", ""), r.body().string(), r.header(header));
    }
  }

  private static Answer login(OkHttpClient browser, String email, String password)
      throws IOException {
    send(
        browser,
        new Request.Builder().url(url("/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK")).build(),
        "Set-Cookie");
    String body =
        "{\"username\":\""
            + email
            + "\",\"password\":\""
            + password
            + "\",\"rememberMe\":false,\"captchaToken\":\"\"}";
    return send(
        browser,
        new Request.Builder()
            .url(api("/mobile/api/login"))
            .post(RequestBody.create(body, APPLICATION_JSON))
            .build(),
        "Set-Cookie");
  }

  private static Answer verify(OkHttpClient browser, String code) throws IOException {
    String body =
        "{\"mfaMethod\":\"email\",\"mfaVerificationCode\":\""
            + code
            + "\",\"rememberMyBrowser\":false,\"reconsentList\":[],\"mfaSetup\":false}";
    return send(
        browser,
        new Request.Builder()
            .url(api("/mobile/api/mfa/verifyCode"))
            .post(RequestBody.create(body, APPLICATION_JSON))
            .build(),
        "Set-Cookie");
  }

  private static Answer diGrant(String clientId, String basicClient, String... form)
      throws IOException {
    FormBody.Builder b = new FormBody.Builder().add("client_id", clientId);
    for (int i = 0; i < form.length; i += 2) {
      b.add(form[i], form[i + 1]);
    }
    String basic =
        Base64.getEncoder().encodeToString((basicClient + ":").getBytes(StandardCharsets.UTF_8));
    return send(
        browser(),
        new Request.Builder()
            .url(url("/di-oauth2-service/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .post(b.build())
            .build(),
        "Retry-After");
  }

  private static String ticketFor(String email) throws IOException {
    return login(browser(), email, FakeGarmin.DEMO_PASSWORD)
        .json()
        .path("serviceTicketId")
        .asText();
  }

  private static Answer exchange(String ticket) throws IOException {
    String id = "GARMIN_CONNECT_MOBILE_ANDROID_DI";
    return diGrant(
        id,
        id,
        "service_ticket",
        ticket,
        "grant_type",
        "https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket",
        "service_url",
        SERVICE);
  }

  @Test
  void theMfaCodeCountsOnlyOnTheCookieSessionOfItsLogin() throws IOException {
    OkHttpClient browser = browser();
    Answer mfa = login(browser, FakeGarmin.DEMO_MFA_EMAIL, FakeGarmin.DEMO_PASSWORD);

    Answer stranger = verify(browser(), FakeGarmin.DEMO_MFA_CODE);
    Answer wrong = verify(browser, "000000");
    Answer right = verify(browser, FakeGarmin.DEMO_MFA_CODE);

    assertThat(mfa.code()).isEqualTo(200);
    assertThat(mfa.json().at("/responseStatus/type").asText()).isEqualTo("MFA_REQUIRED");
    assertThat(mfa.json().at("/customerMfaInfo/mfaLastMethodUsed").asText()).isEqualTo("email");
    assertThat(stranger.code()).isEqualTo(401);
    assertThat(wrong.json().at("/responseStatus/type").asText()).isEqualTo("INVALID_MFA_CODE");
    assertThat(right.json().at("/responseStatus/type").asText()).isEqualTo("SUCCESSFUL");
    assertThat(right.json().path("serviceTicketId").asText()).startsWith("ST-");
    assertThat(garmin.fake().counters().mfaAttempts()).isEqualTo(2);
  }

  @Test
  void aWrongPasswordIs401WithGarminsMessage() throws IOException {
    Answer a = login(browser(), FakeGarmin.DEMO_EMAIL, "nope");

    assertThat(a.code()).isEqualTo(401);
    assertThat(a.contentType()).startsWith("application/json");
    assertThat(a.json().at("/responseStatus/type").asText()).isEqualTo("INVALID_USERNAME_PASSWORD");
    assertThat(a.json().at("/responseStatus/message").asText())
        .isEqualTo("generalLoginInvalidUsernameOrPassword");
  }

  @Test
  void blockedFlowsAnswerLikeCloudflare() throws IOException {
    garmin.fake().block(FakeStrategy.MOBILE, Block.RATE_LIMITED);
    Answer limited = login(browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);
    garmin.fake().block(FakeStrategy.MOBILE, Block.CLOUDFLARE);
    Answer challenged = login(browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);

    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.contentType()).startsWith("text/html");
    assertThat(challenged.code()).isEqualTo(403);
    assertThat(challenged.body()).contains("Cloudflare");
    assertThat(garmin.fake().counters().loginAttempts()).isZero();
  }

  @Test
  void aTicketIsSingleUseAndBoundToItsService() throws IOException {
    String ticket = ticketFor(FakeGarmin.DEMO_EMAIL);

    Answer first = exchange(ticket);
    Answer again = exchange(ticket);

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.json().path("expires_in").asLong()).isPositive();
    assertThat(first.json().path("access_token").asText().split("\\.")).hasSize(3);
    assertThat(again.code()).isEqualTo(400);
    assertThat(again.json().path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void theDiGrantAuthenticatesTheClientItIsFor() throws IOException {
    Answer mismatch =
        diGrant(
            "GARMIN_CONNECT_MOBILE_ANDROID_DI",
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "grant_type",
            "refresh_token");
    garmin.fake().acceptDiClientIds(List.of());
    Answer refused =
        diGrant(
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "GARMIN_CONNECT_MOBILE_IOS_DI",
            "grant_type",
            "refresh_token");

    assertThat(mismatch.code()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).isEqualTo("unauthorized_client");
  }

  @Test
  void aRefreshThatTimedOutAfterGarminHandledItHasSpentTheToken() throws IOException {
    String refresh =
        exchange(ticketFor(FakeGarmin.DEMO_EMAIL)).json().path("refresh_token").asText();
    String id = "GARMIN_CONNECT_MOBILE_ANDROID_DI";
    garmin.fake().failNext(FakeEndpoint.DI_TOKEN, Fault.timeoutAfterProcessing(), 1);

    boolean timedOut = false;
    try {
      diGrant(id, id, "grant_type", "refresh_token", "refresh_token", refresh);
    } catch (java.io.InterruptedIOException expected) {
      timedOut = true;
    }
    Answer retry = diGrant(id, id, "grant_type", "refresh_token", "refresh_token", refresh);

    assertThat(timedOut).isTrue();
    assertThat(retry.code()).isEqualTo(400);
    assertThat(garmin.fake().counters().reuseDetections()).isEqualTo(1);
    assertThat(garmin.fake().counters().refreshes(FakeGarmin.DEMO_EMAIL)).isEqualTo(1);
  }

  @Test
  void preauthorizedRefusesAnUnsignedRequest() throws IOException {
    String ticket = ticketFor(FakeGarmin.DEMO_EMAIL);
    HttpUrl u =
        url("/oauth-service/oauth/preauthorized")
            .newBuilder()
            .addQueryParameter("ticket", ticket)
            .addQueryParameter("login-url", SERVICE)
            .addQueryParameter("accepts-mfa-tokens", "true")
            .build();

    Answer a =
        send(
            browser(),
            new Request.Builder()
                .url(u)
                .header("Authorization", "OAuth oauth_consumer_key=\"x\"")
                .build(),
            "");

    assertThat(a.code()).isEqualTo(401);
  }

  @Test
  void theApiWantsALiveBearerToken() throws IOException {
    String token = exchange(ticketFor(FakeGarmin.DEMO_EMAIL)).json().path("access_token").asText();
    HttpUrl profile = url("/userprofile-service/socialProfile");

    Answer none = send(browser(), new Request.Builder().url(profile).build(), "WWW-Authenticate");
    Answer forged =
        send(
            browser(),
            new Request.Builder()
                .url(profile)
                .header("Authorization", "Bearer " + token + "x")
                .build(),
            "");
    Answer good =
        send(
            browser(),
            new Request.Builder().url(profile).header("Authorization", "Bearer " + token).build(),
            "");
    garmin.fake().revokeSessions(FakeGarmin.DEMO_EMAIL);
    Answer revoked =
        send(
            browser(),
            new Request.Builder().url(profile).header("Authorization", "Bearer " + token).build(),
            "");

    assertThat(none.code()).isEqualTo(401);
    assertThat(none.header()).startsWith("Bearer");
    assertThat(forged.code()).isEqualTo(401);
    assertThat(good.json().path("displayName").asText()).isEqualTo("demo");
    assertThat(good.json().path("profileId").isIntegralNumber()).isTrue();
    assertThat(revoked.code()).isEqualTo(401);
  }

  @Test
  void unknownPathsAreA404PageAndResetForgetsEverything() throws IOException {
    Answer missing = send(browser(), new Request.Builder().url(url("/nowhere")).build(), "");
    ticketFor(FakeGarmin.DEMO_EMAIL);
    garmin.fake().failAlways(FakeEndpoint.LOGIN, Fault.status(503));

    garmin.fake().reset();

    assertThat(missing.code()).isEqualTo(404);
    assertThat(garmin.fake().counters().signIns()).isZero();
    assertThat(login(browser(), FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD).code())
        .isEqualTo(200);
  }
}
