package com.fittrack.garminauth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class LoadDriverTest {
  private HttpServer server;
  private final AtomicLong served = new AtomicLong();
  private final ConcurrentHashMap<String, Boolean> paths = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          served.incrementAndGet();
          paths.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), true);
          boolean authorised =
              "Bearer k".equals(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private LoadDriver.Settings settings(String header, long maxRequests) {
    return new LoadDriver.Settings(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/connections/{user}/token",
        3,
        "POST",
        List.<String[]>of(header.split(": ")),
        4,
        Duration.ZERO,
        Duration.ofMinutes(5),
        maxRequests);
  }

  @Test
  void sendsExactlyTheBoundedNumberOfRequestsToRandomUsersAndCountsThem() throws Exception {
    LoadDriver.Outcome outcome = LoadDriver.run(settings("Authorization: Bearer k", 200));

    assertThat(outcome.requests()).isEqualTo(200);
    assertThat(served.get()).isEqualTo(200);
    assertThat(outcome.errors()).isZero();
    assertThat(outcome.p99Micros()).isGreaterThanOrEqualTo(outcome.p50Micros());
    assertThat(paths.keySet())
        .allMatch(p -> p.matches("POST /v1/connections/bench-000000[0-2]/token"));
  }

  @Test
  void countsEveryAnswerOutsideTwoHundredsAsAnError() throws Exception {
    LoadDriver.Outcome outcome = LoadDriver.run(settings("Authorization: Bearer wrong", 40));

    assertThat(outcome.requests()).isEqualTo(40);
    assertThat(outcome.errors()).isEqualTo(40);
  }

  @Test
  void aGoLineEndsAWarmUpThatWouldOtherwiseLastTenMinutes() throws Exception {
    LoadDriver.Settings s = settings("Authorization: Bearer k", 10_000_000);
    LoadDriver.Settings untilTold =
        new LoadDriver.Settings(
            s.urlTemplate(),
            s.users(),
            s.method(),
            s.headers(),
            s.workers(),
            Duration.ofMinutes(10),
            Duration.ofMillis(200),
            s.maxRequests(),
            true);
    PipedOutputStream harness = new PipedOutputStream();
    PipedInputStream tellings = new PipedInputStream(harness);
    AtomicBoolean measuring = new AtomicBoolean();
    CompletableFuture<LoadDriver.Outcome> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return LoadDriver.run(untilTold, () -> measuring.set(true), tellings);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> served.get() > 50);
    assertThat(measuring).isFalse(); // still warming up: nothing said yet

    harness.write("something else\ngo\n".getBytes(StandardCharsets.UTF_8));
    harness.flush();

    // 2 minutes is far above the 200 ms measured phase and far below the 10-minute warm-up
    LoadDriver.Outcome outcome = run.get(2, TimeUnit.MINUTES);
    assertThat(measuring).isTrue();
    assertThat(outcome.requests()).isPositive();
    assertThat(outcome.seconds()).isLessThan(60);
  }

  @Test
  void refusesAnAddressThatIsNotLoopbackBeforeSendingAnything() {
    LoadDriver.Settings elsewhere =
        new LoadDriver.Settings(
            "http://192.0.2.10/v1/connections/{user}/token",
            1,
            "POST",
            List.of(),
            1,
            Duration.ZERO,
            Duration.ofSeconds(1),
            1);

    assertThatThrownBy(() -> LoadDriver.run(elsewhere))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void itsOneLineReportReadsBack() {
    LoadDriver.Outcome outcome = new LoadDriver.Outcome(1200, 3, 2.0, 850, 4100);

    assertThat(LoadDriver.Outcome.parse(outcome.line())).isEqualTo(outcome);
    assertThat(outcome.requestsPerSecond()).isEqualTo(600.0);
  }
}
