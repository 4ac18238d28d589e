package com.fittrack.garminauth.testkit.fakegarmin;

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

/** Plain-HTTP helpers for FakeGarmin's wire tests: a browser with cookies, logins, grants. */
final class Wire {
  private final FakeGarmin fake;

  Wire(FakeGarmin fake) {
    this.fake = fake;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  static final String SERVICE = "https://mobile.integration.garmin.com/gcm/android";

  /** A browser: its own cookie jar. */
  static OkHttpClient browser() {
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

  HttpUrl url(String path) {
    return HttpUrl.get(fake.baseUrl() + path);
  }

  HttpUrl api(String path) {
    return url(path)
        .newBuilder()
        .addQueryParameter("clientId", "GCM_ANDROID_DARK")
        .addQueryParameter("locale", "en-US")
        .addQueryParameter("service", SERVICE)
        .build();
  }

  record Answer(int code, String contentType, String body, String header) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Answer send(OkHttpClient client, Request request, String header) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      return new Answer(
          r.code(), r.header("Content-Type", ""), r.body().string(), r.header(header));
    }
  }

  Answer login(OkHttpClient browser, String email, String password) throws IOException {
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

  Answer verify(OkHttpClient browser, String code) throws IOException {
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

  Answer diGrant(String clientId, String basicClient, String... form) throws IOException {
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

  String ticketFor(String email) throws IOException {
    return login(browser(), email, FakeGarmin.DEMO_PASSWORD)
        .json()
        .path("serviceTicketId")
        .asText();
  }

  Answer exchange(String ticket) throws IOException {
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
}
