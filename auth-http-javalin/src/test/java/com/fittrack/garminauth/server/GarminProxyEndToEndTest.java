package com.fittrack.garminauth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The Garmin Connect proxy on the real server (H2) against FakeGarmin, driven over HTTP as a job in
 * any language would drive it.
 */
class GarminProxyEndToEndTest extends ServerEndToEndBase {
  static final String JOB = "e2e-job-key-0123456789abcdefghijklmn";
  static final String READ_ONLY_JOB = "e2e-readonly-job-key-0123456789abcdefg";
  private static final String ACTIVITIES = "/activitylist-service/activities/search/activities";
  private static final long FIFTY_MB = 50L * 1024 * 1024;

  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @Override
  Map<String, String> databaseEnv() {
    return Map.of();
  }

  private ServerClient start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(overrides);
    // These tests make Garmin refuse a token moments after sign-in; the forced-refresh floor (a
    // token younger than 30 s is not refreshed on a rejection: H2ServerFleetLimitsTest) would
    // answer those calls 429, so it is off here.
    env.putIfAbsent("GARMIN_AUTH_FORCED_REFRESH_FLOOR_SECONDS", "0");
    env.put(
        "GARMIN_AUTH_API_KEYS",
        "admin:"
            + ADMIN
            + ":connections:write+connections:read+tokens:read+metrics:read;job:"
            + JOB
            + ":garmin:read+garmin:write;readonly:"
            + READ_ONLY_JOB
            + ":garmin:read;worker:"
            + WORKER
            + ":tokens:read");
    GarminAuthServer server = startServer(env);
    port = server.port();
    return client(server);
  }

  private String connectedUser(ServerClient admin) throws Exception {
    String user = newUser();
    assertThat(connectPlain(admin, user).status()).isEqualTo(200);
    return user;
  }

  private HttpResponse<String> proxy(String method, String user, String rest, String key)
      throws Exception {
    return http.send(
        request(method, user, rest, key, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(
      String method, String user, String rest, String key, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/connections/" + user + "/garmin" + rest))
        .method(method, body)
        .header("Authorization", "Bearer " + key)
        .timeout(Duration.ofSeconds(60));
  }

  @Test
  void listsActivitiesForAJobThatNeverHoldsAToken() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    long apiCalls = fake.counters().apiCalls();

    HttpResponse<String> r = proxy("GET", user, ACTIVITIES + "?limit=5&start=0", JOB);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"activityName\":\"Morning Run\"");
    // Garmin's own content type, passed through as sent (FakeGarmin, like Garmin, sends no charset)
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .isEqualToIgnoringCase("application/json");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(fake.counters().apiCalls() - apiCalls).isEqualTo(1);
    assertThat(fake.counters().refreshes()).isZero();
  }

  @Test
  void accessLogLinesCarryThePathButNeverTheQuery() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("garmin-auth.access");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    ch.qos.logback.classic.Level level = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.INFO);
    access.addAppender(lines);
    try {
      HttpResponse<String> r =
          proxy("GET", user, ACTIVITIES + "?limit=5&search=jane.doe%40example.com", JOB);
      assertThat(r.statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  lines.list.stream()
                      .anyMatch(e -> e.getFormattedMessage().contains("/garmin" + ACTIVITIES)));
    } finally {
      access.detachAppender(lines);
      access.setLevel(level);
    }
    assertThat(lines.list)
        .extracting(e -> e.getFormattedMessage())
        .noneMatch(line -> line.contains("limit=") || line.contains("jane.doe"));
  }

  @Test
  void aTokenGarminRefusesIsRefreshedOnceAndTheCallSucceeds() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    fake.rejectAccessToken(admin.token(user).text("accessToken"));

    HttpResponse<String> r = proxy("GET", user, ACTIVITIES, JOB);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fake.counters().refreshes()).isEqualTo(1);
    assertThat(admin.get("/metrics").raw().body()).contains("garmin_auth_proxy_token_refreshes");
  }

  @Test
  void tenConcurrentCallsThatMeetTheSameRefusedTokenCauseOneRefresh() throws Exception {
    ServerClient admin = start(Map.of("GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER", "16"));
    String user = connectedUser(admin);
    fake.rejectAccessToken(admin.token(user).text("accessToken"));
    long requests = fake.counters().requests();
    long apiCalls = fake.counters().apiCalls();
    // every answer takes a while, so that the ten calls are in flight together with the old token
    fake.latency(Duration.ofMillis(300));

    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return proxy("GET", user, ACTIVITIES, JOB);
                }));
      }
      go.countDown();
      for (Future<HttpResponse<String>> call : calls) {
        assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fake.counters().refreshes()).isEqualTo(1);
    assertThat(fake.counters().apiCalls() - apiCalls).as("ten calls answered").isEqualTo(10);
    // requests = refused calls + 1 refresh + 10 accepted: several calls met the refused token
    long refused = fake.counters().requests() - requests - 1 - 10;
    assertThat(refused).as("calls that met the refused token").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aFiftyMegabyteDownloadStreamsThroughWithoutTheServerHoldingIt() throws Exception {
    String user = connectedUser(start(Map.of()));
    fake.downloadSize(FIFTY_MB);
    MemoryPoolMXBean oldGen = oldGeneration();
    System.gc();
    long oldBefore = oldGen == null ? 0 : oldGen.getUsage().getUsed();
    if (oldGen != null) {
      oldGen.resetPeakUsage();
    }

    HttpResponse<InputStream> r =
        http.send(
            request(
                    "GET",
                    user,
                    "/download-service/files/activity/123",
                    JOB,
                    HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(FIFTY_MB);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-zip-compressed");
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"123.zip\"");
    try (InputStream body = r.body()) {
      byte[] first = body.readNBytes(1024 * 1024);
      assertThat(first).startsWith('P', 'K', 3, 4);
      // The caller has read 1 MiB and stopped. A server that buffered the answer would let Garmin
      // finish; a streaming one holds Garmin back once the buffers on the way (loopback sockets
      // of a few MiB each way, the client's queue) are full. Wait until Garmin stops sending.
      long[] last = {-1};
      await()
          .pollInterval(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                long now = fake.counters().downloadedBytes();
                boolean stalled = now == last[0];
                last[0] = now;
                return stalled || now >= FIFTY_MB;
              });
      assertThat(fake.counters().downloadedBytes())
          .as("bytes Garmin could send while the caller read 1 MiB")
          .isLessThan(FIFTY_MB / 2);
      long total = first.length + drain(body);
      assertThat(total).isEqualTo(FIFTY_MB);
    }
    if (oldGen != null) {
      // a 50 MB array would be allocated outside the young generation (G1: humongous regions)
      long grown = oldGen.getPeakUsage().getUsed() - oldBefore;
      assertThat(grown).as("old generation growth during the download").isLessThan(FIFTY_MB / 2);
    }
  }

  @Test
  void pathsOutsideTheConnectApiAreRefusedBeforeAnythingReachesGarmin() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    long requests = fake.counters().requests();

    for (String rest :
        List.of(
            "/oauth-service/oauth/preauthorized?ticket=ST-1",
            "/di-oauth2-service/oauth/token",
            "/sso/signin",
            "/mobile/api/login",
            "/activity-service/%2e%2e/%2e%2e/oauth-service/oauth/preauthorized",
            "/activity-service%2F..%2Foauth-service/oauth/preauthorized",
            "/activity-service/a%5c..%5coauth-service",
            "/activity-service/a%0d%0aX-Injected:%201",
            "/http:%2F%2Fevil.example.com/x",
            "/activity-service//x")) {
      for (String method : List.of("GET", "POST")) {
        HttpResponse<String> r = proxy(method, user, rest, JOB);
        assertThat(r.statusCode()).as(method + " " + rest + ": " + r.body()).isEqualTo(400);
      }
    }
    assertThat(proxy("GET", user, "/", JOB).statusCode()).as("no path: no route").isEqualTo(404);
    // a dot segment sent as it is (clients usually resolve it before sending)
    assertThat(rawStatus("GET /v1/connections/" + user + "/garmin/a/../oauth-service/x"))
        .isEqualTo(400);

    assertThat(fake.counters().requests()).as("requests that reached Garmin").isEqualTo(requests);
  }

  @Test
  void readingNeedsGarminReadAndEverythingElseGarminWrite() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    long requests = fake.counters().requests();

    assertThat(proxy("GET", user, ACTIVITIES, WORKER).statusCode()).isEqualTo(403);
    assertThat(proxy("POST", user, "/upload-service/upload", READ_ONLY_JOB).statusCode())
        .isEqualTo(403);
    assertThat(proxy("DELETE", user, "/activity-service/activity/1", READ_ONLY_JOB).statusCode())
        .isEqualTo(403);
    assertThat(proxy("GET", user, ACTIVITIES, "not-a-key").statusCode()).isEqualTo(401);
    assertThat(fake.counters().requests()).isEqualTo(requests);
    assertThat(
            proxy("HEAD", user, "/download-service/files/activity/9", READ_ONLY_JOB).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aSessionGarminRevokedAnswersReauthRequired() throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    fake.revokeSessions(FakeGarmin.DEMO_EMAIL);

    HttpResponse<String> r = proxy("GET", user, ACTIVITIES, JOB);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(r.body()).contains("\"code\":\"reauth_required\"");

    HttpResponse<String> again = proxy("GET", user, ACTIVITIES, JOB);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(fake.counters().refreshes()).isZero();
  }

  @Test
  void garminsRateLimitAndServerErrorsComeBackAsTheyAreWithRetryAfterAndAreCounted()
      throws Exception {
    ServerClient admin = start(Map.of());
    String user = connectedUser(admin);
    fake.failNext(FakeEndpoint.API, Fault.rateLimited(Duration.ofSeconds(7)), 1);
    fake.failNext(FakeEndpoint.API, Fault.status(503), 1);

    HttpResponse<String> limited = proxy("GET", user, ACTIVITIES, JOB);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(limited.body()).contains("Too Many Requests");
    HttpResponse<String> failed = proxy("GET", user, ACTIVITIES, JOB);
    assertThat(failed.statusCode()).isEqualTo(503);

    String metrics = admin.get("/metrics").raw().body();
    assertThat(metrics)
        .contains("garmin_auth_proxy_calls_seconds_count{method=\"GET\",upstream=\"429\"} 1")
        .contains("garmin_auth_proxy_calls_seconds_count{method=\"GET\",upstream=\"5xx\"} 1");
  }

  @Test
  void uploadsAreStreamedToGarminAndLimitedInSize() throws Exception {
    ServerClient admin = start(Map.of("GARMIN_AUTH_PROXY_MAX_BODY_BYTES", "4000000"));
    String user = connectedUser(admin);
    byte[] small = new byte[50_000];
    byte[] large = new byte[3_000_000];
    byte[] tooLarge = new byte[4_000_001];

    for (byte[] file : List.of(small, large)) {
      HttpResponse<String> r =
          http.send(
              request(
                      "POST",
                      user,
                      "/upload-service/upload/.fit",
                      JOB,
                      HttpRequest.BodyPublishers.ofByteArray(file))
                  .header("Content-Type", "application/octet-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(r.body()).contains("\"fileSize\":" + file.length);
    }
    long uploads = fake.counters().uploads();

    // A declared length over the limit is refused before any body byte is read: sent on a raw
    // socket with the headers only (an HTTP client would race the server's close with its body).
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String head =
          "POST /v1/connections/"
              + user
              + "/garmin/upload-service/upload HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "Authorization: Bearer "
              + JOB
              + "\r\n"
              + "Content-Type: application/octet-stream\r\n"
              + "Content-Length: "
              + tooLarge.length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer =
          new String(
              socket.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
    }

    HttpResponse<String> chunked =
        http.send(
            request(
                    "POST",
                    user,
                    "/upload-service/upload",
                    JOB,
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(tooLarge)))
                .header("Content-Type", "application/octet-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(fake.counters().uploads()).isEqualTo(uploads);
  }

  @Test
  void callsBeyondTheUsersConcurrencyLimitGet429() throws Exception {
    ServerClient admin = start(Map.of("GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER", "1"));
    String user = connectedUser(admin);
    String other = connectedUser(admin);
    fake.latency(Duration.ofSeconds(2));

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<HttpResponse<String>> slow = pool.submit(() -> proxy("GET", user, ACTIVITIES, JOB));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> proxy("GET", user, ACTIVITIES, JOB).statusCode() == 429);
      HttpResponse<String> busy = proxy("GET", user, ACTIVITIES, JOB);
      if (!slow.isDone()) {
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.body()).contains("too_many_concurrent_calls");
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
      }
      assertThat(slow.get().statusCode()).isEqualTo(200);
      // another user is not held back, and the first one's permit came back
      assertThat(proxy("GET", other, ACTIVITIES, JOB).statusCode()).isEqualTo(200);
      assertThat(proxy("GET", user, ACTIVITIES, JOB).statusCode()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends a request line as it is (no client-side normalisation) and reads the status. */
  private int rawStatus(String requestLine) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          requestLine
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + JOB
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status =
          new String(
              socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  private static MemoryPoolMXBean oldGeneration() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      String name = pool.getName();
      if (pool.getType() == MemoryType.HEAP
          && (name.contains("Old Gen") || name.contains("Tenured"))
          && pool.isUsageThresholdSupported()) {
        return pool;
      }
    }
    return null;
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }
}
