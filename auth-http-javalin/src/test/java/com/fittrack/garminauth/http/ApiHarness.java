package com.fittrack.garminauth.http;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The HTTP API on a random local port over {@link StubUseCases}, and a small client for it. */
final class ApiHarness implements AutoCloseable {
  static final String ADMIN_KEY = "admin-secret-0123456789-abcdefghij";
  static final String READER_KEY = "reader-secret-0123456789-abcdefghij";
  static final String TOKENS_KEY = "tokens-secret-0123456789-abcdefghij";
  static final String LOGIN = "/v1/connections/user-42/login";
  static final String CREDENTIALS =
      "{\"email\":\"runner@example.com\",\"password\":\"hunter2-secret\"}";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  final StubUseCases stub = new StubUseCases();
  final AtomicBoolean ready = new AtomicBoolean(true);
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
  private final Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  ApiHarness(int loginsPerAddress) {
    ApiKeys keys =
        new ApiKeys(
            List.of(
                ApiKey.of("admin", ADMIN_KEY, EnumSet.allOf(Scope.class)),
                ApiKey.of("reader", READER_KEY, EnumSet.of(Scope.CONNECTIONS_READ)),
                ApiKey.of("worker", TOKENS_KEY, EnumSet.of(Scope.TOKENS_READ))));
    HttpApi api =
        new HttpApi(
            stub.useCases(),
            keys,
            new AddressLoginLimiter(loginsPerAddress, Duration.ofMinutes(1), clock),
            new HttpApi.Options(
                HttpApi.Options.DEFAULT_MAX_BODY_BYTES, true, ready::get, () -> "# metrics\n"),
            new SimpleMeterRegistry());
    app = Javalin.create(api::configure).start("127.0.0.1", 0);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  HttpResponse<String> send(String method, String path, String key, String contentType, String body)
      throws IOException, InterruptedException {
    return client.send(
        TestRequests.request(app.port(), method, path, key, contentType, body),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String key, String body)
      throws IOException, InterruptedException {
    return send("POST", path, key, "application/json", body);
  }

  HttpResponse<String> putSession(String body) throws IOException, InterruptedException {
    return send("PUT", "/v1/connections/user-42/session", ADMIN_KEY, "application/json", body);
  }

  static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
    return send("GET", path, key, null, null);
  }

  @Override
  public void close() {
    app.stop();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
