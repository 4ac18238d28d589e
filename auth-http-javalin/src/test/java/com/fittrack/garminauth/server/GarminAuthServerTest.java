package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.http.StubUseCases;
import com.fittrack.garminauth.http.UseCases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's lifecycle over a stub backend: keys, health, and graceful shutdown. */
class GarminAuthServerTest {
  @TempDir Path tmp;
  private final StubUseCases stub = new StubUseCases();
  private final AtomicBoolean dbUp = new AtomicBoolean(true);
  private final AtomicBoolean backendClosed = new AtomicBoolean();
  private final HttpClient http = HttpClient.newHttpClient();

  private GarminAuthServer start() {
    return start(Map.of());
  }

  private GarminAuthServer start(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GARMIN_AUTH_DATA_DIR", tmp.resolve("data").toString());
    env.putIfAbsent("GARMIN_AUTH_PORT", "0");
    ServerConfig config = ServerConfig.fromEnvironment(env);
    return GarminAuthServer.start(
        config,
        (c, dir, metrics) ->
            new Backend() {
              @Override
              public UseCases useCases() {
                return stub.useCases();
              }

              @Override
              public boolean isReady() {
                return dbUp.get();
              }

              @Override
              public Map<ConnectionStatus, Long> countByStatus() {
                return Map.of(ConnectionStatus.CONNECTED, 3L);
              }

              @Override
              public void close() {
                backendClosed.set(true);
              }
            });
  }

  private HttpResponse<String> send(GarminAuthServer server, String method, String path, String key)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutApiKeysItGeneratesAnAdminKeyFileThatWorksForEveryScope() throws Exception {
    try (GarminAuthServer server = start()) {
      String key = Files.readString(tmp.resolve("data/admin-api-key")).strip();

      assertThat(send(server, "GET", "/v1/connections/user-1", key).statusCode()).isEqualTo(200);
      assertThat(send(server, "POST", "/v1/connections/user-1/token", key).statusCode())
          .isEqualTo(200);
      assertThat(send(server, "GET", "/v1/connections/user-1", "wrong-key").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void readinessFollowsTheDatabaseAndMetricsShowSessionsByStatus() throws Exception {
    try (GarminAuthServer server = start()) {
      assertThat(send(server, "GET", "/health/ready", null).statusCode()).isEqualTo(200);
      dbUp.set(false);
      assertThat(send(server, "GET", "/health/ready", null).statusCode()).isEqualTo(503);

      String metrics = send(server, "GET", "/metrics", null).body();
      assertThat(metrics).contains("garmin_auth_sessions{status=\"CONNECTED\"} 3.0");
      assertThat(metrics).contains("garmin_auth_degraded_token_reads_total 0.0");
      assertThat(metrics).contains("garmin_auth_http_requests_seconds_count");
      assertThat(metrics).contains("jvm_memory_used_bytes");
    }
    assertThat(backendClosed).isTrue();
  }

  @Test
  void aPortInUseStopsTheStartWithOneLineNamingTheVariableAndClosesTheBackend() {
    try (GarminAuthServer first = start()) {
      assertThatThrownBy(() -> start(Map.of("GARMIN_AUTH_PORT", Integer.toString(first.port()))))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "GARMIN_AUTH_PORT: 127.0.0.1:" + first.port() + " cannot be bound");
      assertThat(backendClosed).isTrue();
    }
  }

  @Test
  void metricsCanBeMadeToNeedTheirOwnScope() throws Exception {
    String key = "prometheus-key-0123456789abcdefghij";
    String other = "worker-key-0123456789abcdefghijklmn";
    try (GarminAuthServer server =
        start(
            Map.of(
                "GARMIN_AUTH_METRICS_PUBLIC",
                "false",
                "GARMIN_AUTH_API_KEYS",
                "prometheus:" + key + ":metrics:read;worker:" + other + ":tokens:read"))) {
      assertThat(send(server, "GET", "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(send(server, "GET", "/metrics", other).statusCode()).isEqualTo(403);
      assertThat(send(server, "GET", "/metrics", key).statusCode()).isEqualTo(200);
      assertThat(send(server, "GET", "/health/ready", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shutdownLetsRequestsInFlightFinishAndRefusesNewOnes() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    stub.token =
        u -> {
          entered.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new AccessToken(Secret.of("late-token"), Instant.now().plusSeconds(600));
        };
    GarminAuthServer server = start();
    String key = Files.readString(tmp.resolve("data/admin-api-key")).strip();
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return send(server, "POST", "/v1/connections/user-1/token", key);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = send(server, "GET", "/v1/connections/user-1", key);
              assertThat(r.statusCode()).isEqualTo(503);
              assertThat(r.body()).contains("shutting_down");
            });
    assertThat(closing).isNotDone();

    release.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(inFlight.get().body()).contains("late-token");
    closing.get(10, TimeUnit.SECONDS);
    assertThat(backendClosed).isTrue();
  }
}
