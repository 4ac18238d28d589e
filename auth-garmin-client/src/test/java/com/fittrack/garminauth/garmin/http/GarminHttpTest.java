package com.fittrack.garminauth.garmin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Timeouts, retries, Retry-After and size caps of every Garmin call, against a local server. */
@Tag("integration")
class GarminHttpTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private GarminHttp http;

  @BeforeEach
  void start() throws IOException {
    server.start();
    Transport transport =
        Transport.defaults()
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2));
    http = new GarminHttp(new OkHttpClient(), transport, Clock.systemUTC(), waits::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Request get() {
    return new Request.Builder().url(server.url("/page?ticket=ST-0000-secret-sso")).build();
  }

  private Request post() {
    return new Request.Builder()
        .url(server.url("/login"))
        .post(RequestBody.create("{}", MediaType.get("application/json")))
        .build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("").build();
  }

  @Test
  void retriesASafeCallOnServerErrorsWithGrowingJitteredBackoff() {
    server.enqueue(status(503));
    server.enqueue(status(502));
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    HttpReply reply = http.send(http.plain(), get(), "page", true);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void neverRepeatsAnUnsafeCall() {
    server.enqueue(status(503));

    HttpReply reply = http.send(http.plain(), post(), "login");

    assertThat(reply.code()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitIsReportedWithItsRetryAfterAndNotRetried() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());

    HttpReply reply = http.send(http.plain(), get(), "page", true);

    assertThat(reply.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void honoursAShortRetryAfterOnServerErrors() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    http.send(http.plain(), get(), "page", true);

    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void givesUpAtOnceWhenGarminAsksForALongPause() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "120").build());

    HttpReply reply = http.send(http.plain(), get(), "page", true);

    assertThat(reply.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void refusesABodyOverTheCap() {
    server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(600 * 1024)).build());

    GarminProtocolException e =
        catchThrowableOfType(
            GarminProtocolException.class, () -> http.send(http.plain(), get(), "page"));

    assertThat(e.getMessage()).contains("larger than");
  }

  @Test
  void aSilentServerTimesOutAsUnavailableWithoutNamingTheUrl() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class, () -> http.send(http.plain(), post(), "login"));

    assertThat(e.code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    assertThat(e.getMessage()).isEqualTo("login failed: no answer within 0.5 s");
  }

  /** An answer after which the server closes the connection without saying so. */
  private static MockResponse thenClose(String body) {
    return new MockResponse.Builder()
        .code(200)
        .body(body)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  @Test
  void aStepSafeToRepeatIsSentAgainAtOnceWhenItsPooledConnectionTurnsOutClosed() {
    server.enqueue(thenClose("first"));
    server.enqueue(new MockResponse.Builder().code(200).body("second").build());
    http.send(http.plain(), get(), "page load", GarminHttp.Repeat.NEVER);

    HttpReply reply =
        http.send(http.plain(), get(), "credential post", GarminHttp.Repeat.ON_CLOSED_CONNECTION);

    assertThat(reply.body()).isEqualTo("second");
    assertThat(waits).as("no backoff: Garmin never saw the first try").isEmpty();
  }

  @Test
  void aStepNeverRepeatedSaysTheConnectionClosedInsteadOfAnExceptionName() {
    server.enqueue(thenClose("first"));
    http.send(http.plain(), get(), "page load", GarminHttp.Repeat.NEVER);

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class,
            () -> http.send(http.plain(), get(), "DI refresh", GarminHttp.Repeat.NEVER));

    assertThat(e.getMessage())
        .isEqualTo("DI refresh failed: the connection closed before Garmin answered");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUnreachableHostIsUnavailableAndTheTicketStaysOutOfTheMessage() {
    server.close();

    GarminUnavailableException e =
        catchThrowableOfType(
            GarminUnavailableException.class, () -> http.send(http.plain(), get(), "page", true));

    assertThat(e.getMessage()).doesNotContain("ST-0000", "ticket", "127.0.0.1", "localhost");
    assertThat(e.getCause()).isNull();
    assertThat(waits).hasSize(2);
  }

  @Test
  void aSignInClientFollowsRedirectsWithinTheSsoHost() {
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "/sso/en-US/sign-in").build());
    server.enqueue(new MockResponse.Builder().code(200).body("page").build());
    OkHttpClient signIn =
        http.withCookies(new SessionCookieJar(Clock.systemUTC()), server.url("/").uri());

    HttpReply reply = http.send(signIn, get(), "page");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSignInClientRefusesARedirectToAnotherHostBeforeSendingAnything() {
    String elsewhere = "http://127.0.0.1:" + server.getPort() + "/steal";
    server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", elsewhere).build());
    OkHttpClient signIn =
        http.withCookies(new SessionCookieJar(Clock.systemUTC()), server.url("/").uri());

    GarminProtocolException e =
        catchThrowableOfType(
            GarminProtocolException.class, () -> http.send(signIn, post(), "login"));

    assertThat(e.getMessage()).contains("redirected away");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
