package com.fittrack.garminauth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fittrack.garminauth.core.domain.GarminConnection;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeEndpoint;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import com.fittrack.garminauth.testkit.fakegarmin.Fault;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Proofs 2, 3b and 3c of docs/reliability.md: three server JVMs (the shaded jar, separate
 * processes) on one PostgreSQL schema, twenty users, four-second tokens, FakeGarmin in strict
 * reuse-detection mode. In order: concurrent traffic; one server SIGKILLed while it holds leases;
 * PostgreSQL restarted during traffic (only with GARMIN_AUTH_ALLOW_PG_RESTART=true).
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServersOnePostgresTest {
  static final int SERVERS = 3;
  static final int USERS = 20;
  static final int CLIENT_THREADS = 16;
  static final Duration LIFETIME = Duration.ofSeconds(4);
  static final Duration MARGIN = Duration.ofSeconds(1);

  /** Longer than the Garmin client's 10-second call timeout, as AuthPolicy asks. */
  static final Duration LEASE = Duration.ofSeconds(12);

  static final Duration TRAFFIC = Duration.ofSeconds(15);

  /** The margin that applies: MARGIN (1 s) bounded by a tenth of the 4-s lifetime, 0.4 s. */
  static final Duration DUE_WITHIN = LIFETIME.dividedBy(GarminConnection.LIFETIME_SHARE_DIVISOR);

  /** Refreshed no earlier than due: consecutive tokens expire at least this far apart. */
  static final Duration MIN_GAP = LIFETIME.minus(DUE_WITHIN).minusMillis(10);

  /** A survivor's reply and when it came. */
  private record Answer(ServerApi.Reply reply, Instant at) {}

  private PostgresTestDatabase pg;
  private FakeGarmin fake;
  private ServerFleet fleet;

  @BeforeAll
  void start() {
    pg = PostgresTestDatabase.create();
    fake = FakeGarmin.builder().accessTokenLifetime(LIFETIME).strictRefreshTokenReuse(true).start();
    Map<String, String> settings = new HashMap<>();
    settings.put("GARMIN_AUTH_REFRESH_MARGIN_SECONDS", Long.toString(MARGIN.toSeconds()));
    settings.put("GARMIN_AUTH_REFRESH_LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
    // Foreground traffic alone decides when tokens are refreshed, so refreshes can be counted.
    settings.put("GARMIN_AUTH_SWEEPER_ENABLED", "false");
    fleet = ServerFleet.start(pg, fake, SERVERS, USERS, settings);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (fleet != null) {
        fleet.close();
      }
      if (fake != null) {
        fake.close();
      }
    } finally {
      if (pg != null) {
        if (PostgresRestart.allowed()) {
          PostgresRestart.ensureUp(pg);
        }
        pg.close();
      }
    }
  }

  @Test
  @Order(1)
  void everyUsersTokenIsRefreshedOncePerExpiryAcrossThreeServers() throws Exception {
    TokenTraffic.Result result = new TokenTraffic.Result();
    for (String user : fleet.users) {
      TokenTraffic.record(result, user, fleet.token(fleet.url(0), user), Instant.now());
    }
    Map<String, Long> before = fleet.refreshesPerUser(fleet.users);
    long reusesBefore = fake.counters().reuseDetections();

    TokenTraffic.run(fleet.api, fleet.urls(0, 1, 2), fleet.users, CLIENT_THREADS, TRAFFIC, result);

    assertThat(result.failures).isEmpty();
    assertThat(result.expiredOnReceipt).isEmpty();
    assertThat(fake.counters().reuseDetections()).isEqualTo(reusesBefore);
    long minPerUser = Long.MAX_VALUE;
    long maxPerUser = 0;
    long total = 0;
    for (String user : fleet.users) {
      long refreshes = fleet.refreshes(user) - before.get(user);
      // Every refresh's token was handed out, and no token came without a refresh.
      assertThat(refreshes).as(user).isEqualTo(result.generations(user).size() - 1);
      minPerUser = Math.min(minPerUser, refreshes);
      maxPerUser = Math.max(maxPerUser, refreshes);
      total += refreshes;
    }
    // No token was refreshed before it was due: at most one refresh per expiry.
    assertThat(TokenTraffic.refreshedEarly(result, MIN_GAP)).isEmpty();
    // And the traffic did carry every user through several expiries.
    assertThat(minPerUser).isGreaterThanOrEqualTo(TRAFFIC.dividedBy(LIFETIME.plusSeconds(1)));
    for (String user : fleet.users) {
      assertThat(fleet.api.status(fleet.url(1), user).body().path("status").asText())
          .isEqualTo("CONNECTED");
    }
    System.out.printf(
        "[reliability] multi-process: servers=%d users=%d seconds=%d requests=%d refreshes=%d"
            + " perUser=%d..%d reuseDetections=%d errors=%d slowest=%d ms%n",
        SERVERS,
        USERS,
        result.elapsed().toSeconds(),
        result.requests.get(),
        total,
        minPerUser,
        maxPerUser,
        fake.counters().reuseDetections() - reusesBefore,
        result.failures.size(),
        result.slowestMillis.get());
  }

  @Test
  @Order(2)
  void aServerKilledWhileHoldingLeasesLosesExactlyTheSessionsWhoseTokenGarminHadSpent()
      throws Exception {
    List<String> spent = fleet.users.subList(0, 5);
    List<String> unspent = fleet.users.subList(5, 10);
    List<String> both = fleet.users.subList(0, 10);
    URI victim = fleet.url(2);
    URI survivor = fleet.url(0);
    Instant due = fleet.latestExpiry(both, 0).minus(DUE_WITHIN);
    await()
        .atMost(LIFETIME.plusSeconds(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Instant.now().isAfter(due));
    Map<String, Long> before = fleet.refreshesPerUser(both);
    long reusesBefore = fake.counters().reuseDetections();

    // Garmin handles these refreshes (rotating the tokens) and its answers never arrive ...
    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.timeoutAfterProcessing(), spent.size());
    List<CompletableFuture<HttpResponse<String>>> hanging = new ArrayList<>();
    spent.forEach(u -> hanging.add(fleet.api.tokenAsync(victim, u)));
    fleet.awaitLeased(spent);
    // ... and these it has not handled yet when the victim dies.
    fake.failNext(FakeEndpoint.DI_TOKEN, Fault.timeout(), unspent.size());
    unspent.forEach(u -> hanging.add(fleet.api.tokenAsync(victim, u)));
    fleet.awaitLeased(both);
    for (String user : both) {
      assertThat(fleet.refreshes(user) - before.get(user))
          .as("refreshes Garmin handled for %s before the kill", user)
          .isEqualTo(spent.contains(user) ? 1 : 0);
    }

    Map<String, Instant> leaseEnds = fleet.leases();
    Instant killedAt = Instant.now();
    fleet.servers.get(2).kill();
    for (CompletableFuture<HttpResponse<String>> call : hanging) {
      assertThat(call).failsWithin(Duration.ofSeconds(10));
    }

    // The survivors wait for the dead holder's leases to run out, then take over.
    Map<String, Answer> answers = new HashMap<>();
    ExecutorService callers = Executors.newFixedThreadPool(both.size());
    try {
      Map<String, Future<Answer>> calls = new HashMap<>();
      for (String user : both) {
        calls.put(
            user, callers.submit(() -> new Answer(fleet.api.token(survivor, user), Instant.now())));
      }
      for (String user : both) {
        answers.put(user, calls.get(user).get(60, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }
    Map<String, ServerApi.Reply> replies = new HashMap<>();
    answers.forEach((user, answer) -> replies.put(user, answer.reply()));
    for (String user : unspent) {
      assertThat(replies.get(user).status()).as(user).isEqualTo(200);
      assertThat(fleet.refreshes(user) - before.get(user)).as(user).isEqualTo(1);
      assertThat(fleet.status(user)).isEqualTo("CONNECTED");
    }
    for (String user : spent) {
      assertThat(replies.get(user).status()).as(user).isEqualTo(409);
      assertThat(replies.get(user).code()).isEqualTo("reauth_required");
      ServerApi.Reply connection = fleet.api.status(survivor, user);
      assertThat(connection.body().path("status").asText()).isEqualTo("REAUTH_REQUIRED");
      assertThat(connection.body().path("lastFailure").path("code").asText())
          .isEqualTo("refresh_token_reused");
    }
    assertThat(fake.counters().reuseDetections() - reusesBefore).isEqualTo(spent.size());
    // Nobody took a lease over before it ran out, and the survivors did soon after it did.
    List<Duration> afterLeaseEnd = new ArrayList<>();
    for (String user : both) {
      Instant leaseEnd = leaseEnds.get(user);
      Instant answered = answers.get(user).at();
      assertThat(answered).as(user).isAfter(leaseEnd).isBefore(leaseEnd.plusSeconds(3));
      afterLeaseEnd.add(Duration.between(leaseEnd, answered));
    }
    Duration slowest =
        answers.values().stream()
            .map(a -> Duration.between(killedAt, a.at()))
            .max(Duration::compareTo)
            .orElseThrow();
    assertThat(fleet.api.token(survivor, fleet.users.get(15)).status()).isEqualTo(200);
    System.out.printf(
        "[reliability] sigkill: leases held=%d spent by Garmin=%d sessions lost=%d"
            + " (refresh_token_reused) kept=%d answered %d..%d ms after the lease ended,"
            + " at most %d ms after the kill (lease %d s)%n",
        both.size(),
        spent.size(),
        spent.size(),
        unspent.size(),
        afterLeaseEnd.stream().min(Duration::compareTo).orElseThrow().toMillis(),
        afterLeaseEnd.stream().max(Duration::compareTo).orElseThrow().toMillis(),
        slowest.toMillis(),
        LEASE.toSeconds());
  }

  @Test
  @Order(3)
  void postgresRestartedDuringTrafficFailsNoTokenNotYetDueThenRecoversLosingNothing()
      throws Exception {
    assumeTrue(
        PostgresRestart.allowed(),
        "restarts the shared PostgreSQL: set " + PostgresRestart.GUARD + "=true to run");
    List<String> users = fleet.users.subList(5, USERS);
    List<URI> alive = fleet.urls(0, 1);
    TokenTraffic.Result result = new TokenTraffic.Result();
    for (String user : users) {
      TokenTraffic.record(result, user, fleet.token(alive.get(0), user), Instant.now());
    }
    Map<String, Long> before = fleet.refreshesPerUser(users);
    long reusesBefore = fake.counters().reuseDetections();
    Instant[] restart = new Instant[2];
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      ScheduledFuture<Duration> restarted =
          scheduler.schedule(
              () -> {
                restart[0] = Instant.now();
                try {
                  return PostgresRestart.restart();
                } finally {
                  restart[1] = Instant.now();
                }
              },
              4,
              TimeUnit.SECONDS);
      TokenTraffic.run(fleet.api, alive, users, CLIENT_THREADS, Duration.ofSeconds(15), result);
      restarted.get(120, TimeUnit.SECONDS);
    } finally {
      scheduler.shutdownNow();
      PostgresRestart.ensureUp(pg);
    }
    int failuresDuringRestart = result.failures.size();
    // Then traffic on a database that is back: full recovery means no error at all.
    TokenTraffic.run(fleet.api, alive, users, CLIENT_THREADS, Duration.ofSeconds(5), result);
    assertThat(result.failures).as("errors after recovery").hasSize(failuresDuringRestart);

    // ADR 0117: a server serves the cached token of a user whose token is not yet due from
    // memory while PostgreSQL is down; only tokens that need a refresh (no refresh without the
    // lease) may fail, and only with a retryable storage_unavailable.
    assertThat(result.failures)
        .as("failed /token answers for tokens not yet due")
        .filteredOn(f -> !dueWhenFailed(result, f))
        .isEmpty();
    assertThat(result.failures)
        .allSatisfy(f -> assertThat(f.code()).isEqualTo("storage_unavailable"));
    Instant recovered = restart[1].plusSeconds(5);
    assertThat(result.failures).allSatisfy(f -> assertThat(f.at()).isBefore(recovered));
    assertThat(fake.counters().reuseDetections()).isEqualTo(reusesBefore);
    for (String user : users) {
      assertThat(fleet.refreshes(user) - before.get(user))
          .as(user)
          .isEqualTo(result.generations(user).size() - 1);
      assertThat(fleet.status(user)).as(user).isEqualTo("CONNECTED");
    }
    assertThat(TokenTraffic.refreshedEarly(result, MIN_GAP)).isEmpty();
    System.out.printf(
        "[reliability] pg-restart: restart took %d ms, requests=%d slowest=%d ms errors=%d %s"
            + " first error +%d ms last error +%d ms after restart began, reuseDetections=%d%n",
        Duration.between(restart[0], restart[1]).toMillis(),
        result.requests.get(),
        result.slowestMillis.get(),
        result.failures.size(),
        result.failuresByCode(),
        result.failures.stream()
            .map(f -> Duration.between(restart[0], f.at()).toMillis())
            .min(Long::compare)
            .orElse(-1L),
        result.failures.stream()
            .map(f -> Duration.between(restart[0], f.at()).toMillis())
            .max(Long::compare)
            .orElse(-1L),
        fake.counters().reuseDetections() - reusesBefore);
  }

  /**
   * Whether the newest token the clients had seen for the failed user by then was already within
   * the refresh margin (or none had been seen): such a request needs a refresh, which needs the
   * database.
   */
  private static boolean dueWhenFailed(TokenTraffic.Result result, TokenTraffic.Failure f) {
    return result.generations(f.user()).stream()
        .filter(g -> !g.firstSeen().isAfter(f.at()))
        .map(TokenTraffic.Generation::expiresAt)
        .max(Instant::compareTo)
        .map(expires -> !expires.isAfter(f.at().plus(MARGIN)))
        .orElse(true);
  }
}
