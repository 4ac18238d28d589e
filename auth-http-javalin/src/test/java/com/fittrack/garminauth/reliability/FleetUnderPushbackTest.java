package com.fittrack.garminauth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeAccount;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13's proofs: three server JVMs (the shaded jar) on one PostgreSQL schema and one
 * FakeGarmin, with the sweeper on (every second) and the refresh settings left at their defaults
 * (margin 5 min, horizon 10 min), which are far longer than the 6-second tokens: the configuration
 * that refreshed every session about once a second before any bound, and twice per lifetime under
 * the half-life rule that came next.
 *
 * <ol>
 *   <li>Readers ask all three instances for every user's token continuously while the sweepers run:
 *       each user is refreshed at most once per token lifetime (each token once, in the last tenth
 *       of its life), no read fails and no refresh token is presented twice.
 *   <li>Garmin answers a sign-in with 429 and {@code Retry-After: 120}: for 120 s no instance sends
 *       Garmin another sign-in request, each answers {@code rate_limited} with a {@code
 *       Retry-After} counting down, and then one probe goes out first while the others are still
 *       refused. This is the 120 s on the real clock (about two and a half minutes of the
 *       build); FleetBehaviourTest covers the same on a controllable clock.
 * </ol>
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetUnderPushbackTest {
  static final int SERVERS = 3;
  static final int USERS = 5;
  static final int READERS = 4;
  static final Duration LIFETIME = Duration.ofSeconds(6);

  /**
   * The window in which refreshes are counted. Each token is refreshed once, in the last tenth of
   * its life, so a user's refreshes are at least 0.9 x 6 s = 5.4 s apart, and a window of W seconds
   * holds at most floor(W / 5.4) + 1 of them. For W from 24 s to just under 27 s that is floor(W /
   * 6) + 1: the lifetimes elapsed, plus one. 25 s sits inside that range.
   */
  static final Duration WINDOW = Duration.ofSeconds(25);

  /** The readers start before the window opens and stop after it closes. */
  static final Duration TRAFFIC = WINDOW.plusSeconds(3);

  /** Consecutive tokens of a user expire at least this far apart: none refreshed early. */
  static final Duration MIN_GAP =
      LIFETIME.minus(LIFETIME.dividedBy(GarminConnection.LIFETIME_SHARE_DIVISOR)).minusMillis(10);

  static final Duration RETRY_AFTER = Duration.ofSeconds(120);

  /** How often, during the cooldown, one of the instances is asked to sign someone in. */
  static final Duration SIGN_IN_EVERY = Duration.ofMillis(2500);

  static final ObjectMapper JSON = new ObjectMapper();

  private PostgresTestDatabase pg;
  private FakeGarmin fake;
  private ServerFleet fleet;

  /** Sign-ins every 2.5 s, not over the readers' pool of connections left idle (see ServerApi). */
  private ServerApi signIns;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    pg = PostgresTestDatabase.create();
    fake = FakeGarmin.builder().accessTokenLifetime(LIFETIME).strictRefreshTokenReuse(true).start();
    Map<String, String> settings = new HashMap<>();
    settings.put("GARMIN_AUTH_SWEEPER_INTERVAL_SECONDS", "1");
    settings.put("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_ADDRESS", "1000");
    fleet = ServerFleet.start(pg, fake, SERVERS, USERS, settings);
    signIns = fleet.api.withOwnConnections();
  }

  @AfterAll
  void stop() {
    try {
      if (fleet != null) {
        fleet.close();
      }
      if (fake != null) {
        fake.close();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  @Test
  @Order(1)
  void readersAndSweepersOfThreeInstancesRefreshEachUserAtMostOncePerTokenLifetime()
      throws Exception {
    TokenTraffic.Result result = new TokenTraffic.Result();
    for (String user : fleet.users) {
      TokenTraffic.record(result, user, fleet.token(fleet.url(0), user), Instant.now());
    }
    long reusesBefore = fake.counters().reuseDetections();
    ExecutorService traffic = Executors.newSingleThreadExecutor();
    Map<String, Long> before;
    Map<String, Long> after;
    Instant opened;
    Instant closed;
    try {
      Future<?> readers =
          traffic.submit(
              () -> {
                TokenTraffic.run(
                    fleet.api, fleet.urls(0, 1, 2), fleet.users, READERS, TRAFFIC, result);
                return null;
              });
      await().atMost(Duration.ofSeconds(10)).until(() -> result.requests.get() > 0);
      Instant closes = Instant.now().plus(WINDOW);
      opened = Instant.now();
      before = fleet.refreshesPerUser(fleet.users);
      await()
          .pollInterval(Duration.ofMillis(20))
          .atMost(WINDOW.plusSeconds(5))
          .until(() -> !Instant.now().isBefore(closes));
      after = fleet.refreshesPerUser(fleet.users);
      closed = Instant.now();
      readers.get(TRAFFIC.toSeconds() + 120, TimeUnit.SECONDS);
    } finally {
      traffic.shutdownNow();
    }

    double seconds = Duration.between(opened, closed).toMillis() / 1000.0;
    double lifetimes = seconds / LIFETIME.toSeconds();
    List<Long> perUser = new ArrayList<>();
    for (String user : fleet.users) {
      long refreshes = after.get(user) - before.get(user);
      perUser.add(refreshes);
      // At most one refresh per token lifetime elapsed, plus one for the partial first lifetime:
      // the token alive when the window opened may reach its last tenth right at the start and be
      // refreshed then; each later token lives 5.4 s before its own refresh (see WINDOW).
      assertThat(refreshes)
          .as("%s: refreshes in %.1f s (%.2f lifetimes)", user, seconds, lifetimes)
          .isLessThanOrEqualTo((long) Math.floor(lifetimes) + 1);
      // ... and the session was kept alive: about one refresh per expiry.
      assertThat(refreshes).as(user).isGreaterThanOrEqualTo((long) Math.floor(lifetimes) - 1);
    }
    // No token was refreshed before its last tenth ...
    assertThat(TokenTraffic.refreshedEarly(result, MIN_GAP)).isEmpty();
    // ... every read was answered with a valid token ...
    assertThat(result.failures).as("%s", result.failuresByCode()).isEmpty();
    assertThat(result.expiredOnReceipt).isEmpty();
    // ... and each token was refreshed once: Garmin never saw a spent refresh token again.
    assertThat(fake.counters().reuseDetections()).isEqualTo(reusesBefore);
    System.out.printf(
        "[fleet] servers=%d users=%d readers=%d tokenLifetime=%ds window=%.1fs lifetimes=%.2f"
            + " refreshesPerUser=%s bound=%d requests=%d failures=%d reuseDetections=%d%n",
        SERVERS,
        USERS,
        READERS,
        LIFETIME.toSeconds(),
        seconds,
        lifetimes,
        perUser,
        (long) Math.floor(lifetimes) + 1,
        result.requests.get(),
        result.failures.size(),
        fake.counters().reuseDetections() - reusesBefore);
  }

  @Test
  @Order(2)
  void aGarmin429StopsSignInsOnEveryInstanceForItsRetryAfterThenOneProbeGoesFirst()
      throws Exception {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String email = "pushback-" + i + "@example.com";
      fake.addAccount(FakeAccount.plain(email, ServerFleet.PASSWORD));
      emails.add(email);
    }
    AtomicInteger next = new AtomicInteger();
    long postsBefore = fake.counters().received(FakeEndpoint.LOGIN);

    // Every credential post is answered 429 (Retry-After: 120) until the first sign-in has seen it.
    fake.failAlways(FakeEndpoint.LOGIN, Fault.rateLimited(RETRY_AFTER));
    ServerApi.Reply first = login(0, emails.get(next.getAndIncrement()));
    fake.clearFaults();
    assertThat(first.status()).as(first.body().toString()).isEqualTo(429);
    assertThat(first.body().path("code").asText()).isEqualTo("rate_limited");
    assertThat(first.body().path("retryAfterSeconds").asLong()).isEqualTo(RETRY_AFTER.toSeconds());
    assertThat(first.header("Retry-After")).contains(Long.toString(RETRY_AFTER.toSeconds()));
    // The first sign-in's chain tried each strategy once before giving up: all of them 429.
    long postsOfTheFirstSignIn = fake.counters().received(FakeEndpoint.LOGIN) - postsBefore;
    assertThat(postsOfTheFirstSignIn).isPositive();
    long posts = fake.counters().received(FakeEndpoint.LOGIN);
    long pages = fake.counters().received(FakeEndpoint.SIGN_IN_PAGE);
    long mfa = fake.counters().received(FakeEndpoint.MFA_VERIFY);

    JsonNode cooldown = readyDetails(1).path("garminCooldowns").get(0);
    Instant until = Instant.parse(cooldown.path("until").asText());
    assertThat(cooldown.path("active").asBoolean()).isTrue();

    // During the cooldown: one sign-in every 2.5 s, round-robin over the three instances. Each is
    // refused with the time left, and Garmin sees no sign-in request of any kind.
    List<Long> retryAfters = new ArrayList<>();
    int[] refusedBy = new int[SERVERS];
    Instant nextAt = Instant.now();
    for (int i = 0; nextAt.plusSeconds(1).isBefore(until); i++) {
      Instant due = nextAt;
      await().pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(due));
      int s = i % SERVERS;
      Instant sent = Instant.now();
      ServerApi.Reply r = login(s, emails.get(next.getAndIncrement() % emails.size()));
      Instant received = Instant.now();
      assertThat(r.status()).as("server %d: %s", s, r.body()).isEqualTo(429);
      assertThat(r.body().path("code").asText()).isEqualTo("rate_limited");
      assertThat(r.body().path("detail").asText()).contains("nothing was sent to Garmin");
      long retryAfter = Long.parseLong(r.header("Retry-After").orElseThrow());
      assertThat(r.body().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
      // The instance rounds the time left up to whole seconds at the moment it answers, which is
      // between sending and receiving; one second more either way is tolerance for the
      // cooldown's stored timestamp and the rounding of the comparison, nothing else.
      long leftWhenReceived = Duration.between(received, until).toSeconds();
      long leftWhenSent = (Duration.between(sent, until).toMillis() + 999) / 1000;
      assertThat(retryAfter)
          .as("server %d's Retry-After at %s", s, sent)
          .isBetween(leftWhenReceived - 1, leftWhenSent + 1);
      if (!retryAfters.isEmpty()) {
        assertThat(retryAfter)
            .as("Retry-After counts down")
            .isLessThan(retryAfters.get(retryAfters.size() - 1));
      }
      retryAfters.add(retryAfter);
      refusedBy[s]++;
      assertThat(fake.counters().received(FakeEndpoint.LOGIN)).isEqualTo(posts);
      assertThat(fake.counters().received(FakeEndpoint.SIGN_IN_PAGE)).isEqualTo(pages);
      assertThat(fake.counters().received(FakeEndpoint.MFA_VERIFY)).isEqualTo(mfa);
      nextAt = nextAt.plus(SIGN_IN_EVERY);
    }
    for (int s = 0; s < SERVERS; s++) {
      // About 120 / 2.5 / 3 = 16 each.
      assertThat(refusedBy[s]).as("refusals by server %d", s).isGreaterThanOrEqualTo(10);
    }
    assertThat(retryAfters.get(0)).isLessThanOrEqualTo(RETRY_AFTER.toSeconds());
    assertThat(retryAfters.get(retryAfters.size() - 1)).isLessThanOrEqualTo(5);

    // After it: six sign-ins at once, two per instance. Garmin answers slowly now, so the probe
    // (the one caller whose claim of the expired cooldown succeeded) is still in flight while the
    // others ask: they are refused until its verdict, and exactly one credential post goes out.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Instant.now().isAfter(until));
    assertThat(fake.counters().received(FakeEndpoint.LOGIN)).isEqualTo(posts);
    long attemptsBefore = fake.counters().loginAttempts();
    fake.latency(Duration.ofSeconds(2));
    ExecutorService callers = Executors.newFixedThreadPool(6);
    List<ServerApi.Reply> replies = new ArrayList<>();
    try {
      List<Future<ServerApi.Reply>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        int server = i % SERVERS;
        String email = emails.get(next.getAndIncrement() % emails.size());
        calls.add(callers.submit(() -> login(server, email)));
      }
      for (Future<ServerApi.Reply> call : calls) {
        replies.add(call.get(90, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
      fake.latency(Duration.ZERO);
    }
    assertThat(replies.stream().filter(r -> r.status() == 200)).as(replies.toString()).hasSize(1);
    assertThat(replies.stream().filter(r -> r.status() == 429))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.body().path("code").asText()).isEqualTo("rate_limited"))
        .allSatisfy(r -> assertThat(r.header("Retry-After")).isPresent());
    assertThat(fake.counters().received(FakeEndpoint.LOGIN)).isEqualTo(posts + 1);
    assertThat(fake.counters().loginAttempts()).isEqualTo(attemptsBefore + 1);

    // The probe succeeded: the cooldown is gone everywhere and sign-ins flow again.
    assertThat(readyDetails(2).path("garminCooldowns")).isEmpty();
    assertThat(login(2, emails.get(next.getAndIncrement() % emails.size())).status())
        .isEqualTo(200);
    System.out.printf(
        "[fleet] cooldown: retryAfter=%ds firstSignInPosts=%d refusals=%d (per server %d/%d/%d)"
            + " retryAfterSeen=%s garminSignInRequestsDuring=0 probe=1 of 6 concurrent%n",
        RETRY_AFTER.toSeconds(),
        postsOfTheFirstSignIn,
        retryAfters.size(),
        refusedBy[0],
        refusedBy[1],
        refusedBy[2],
        retryAfters);
  }

  private ServerApi.Reply login(int server, String email) {
    String user = "pb-" + email.substring(0, email.indexOf('@')) + "-" + System.nanoTime();
    return signIns.login(fleet.url(server), user, email, ServerFleet.PASSWORD);
  }

  private JsonNode readyDetails(int server) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(fleet.url(server).resolve("/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
