package com.fittrack.garminauth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.testkit.TestClock;
import com.fittrack.garminauth.testkit.db.PostgresTestDatabase;
import com.fittrack.garminauth.testkit.fakegarmin.FakeGarmin;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proof 1 of docs/reliability.md: 64 threads of one process ask for one user's token across 20
 * expiries, through the real Garmin client (HTTP to FakeGarmin in strict reuse-detection mode) and
 * the jOOQ repository on PostgreSQL. Time is a shared {@link TestClock}, frozen during each round,
 * so every round is exactly one expiry however slow the machine is.
 */
@Tag("integration")
class SixtyFourThreadsOneUserTest {
  private static final int THREADS = 64;
  private static final int EXPIRIES = 20;
  private static final int CALLS_PER_THREAD_PER_ROUND = 5;
  private static final String USER = "worker-user-1";
  private static final Duration LIFETIME = Duration.ofHours(1);

  private static PostgresTestDatabase pg;
  private static FakeGarmin fake;
  private static InProcessStack stack;
  private static final TestClock clock =
      new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @BeforeAll
  static void start() {
    pg = PostgresTestDatabase.create();
    fake =
        FakeGarmin.builder()
            .demoAccounts()
            .accessTokenLifetime(LIFETIME)
            .strictRefreshTokenReuse(true)
            .clock(clock)
            .start();
    AuthPolicy policy =
        AuthPolicy.defaults().toBuilder().leasePollInterval(Duration.ofMillis(5)).build();
    stack = new InProcessStack(pg, fake, clock, policy, 10);
  }

  @AfterAll
  static void stop() throws Exception {
    InProcessStack.closeAll(stack, fake, pg);
  }

  @Test
  void refreshesExactlyOncePerExpiryWhenSixtyFourThreadsAskForOneUsersToken() throws Exception {
    stack.connect(USER, FakeGarmin.DEMO_EMAIL, FakeGarmin.DEMO_PASSWORD);
    UserId user = UserId.of(USER);
    Duration margin = AuthPolicy.defaults().refreshMargin();
    AtomicInteger errors = new AtomicInteger();
    List<String> roundTokens = new ArrayList<>();
    roundTokens.add(stack.auth.accessToken(user).token().reveal());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 1; round <= EXPIRIES; round++) {
        // The token becomes due: exactly refreshMargin before it expires.
        Instant expiresAt = stack.auth.accessToken(user).expiresAt();
        clock.set(expiresAt.minus(margin));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          calls.add(
              pool.submit(
                  () -> {
                    gate.await();
                    for (int i = 0; i < CALLS_PER_THREAD_PER_ROUND; i++) {
                      try {
                        AccessToken token = stack.auth.accessToken(user);
                        seen.add(token.token().reveal());
                      } catch (RuntimeException e) {
                        errors.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        gate.countDown();
        for (Future<?> call : calls) {
          call.get(60, TimeUnit.SECONDS);
        }
        assertThat(seen).as("tokens handed out in round %d", round).hasSize(1);
        assertThat(fake.counters().refreshes(FakeGarmin.DEMO_EMAIL))
            .as("Garmin refreshes after round %d", round)
            .isEqualTo(round);
        roundTokens.add(seen.iterator().next());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(errors).hasValue(0);
    assertThat(fake.counters().refreshes(FakeGarmin.DEMO_EMAIL)).isEqualTo(EXPIRIES);
    assertThat(fake.counters().reuseDetections()).isZero();
    assertThat(new HashSet<>(roundTokens)).hasSize(EXPIRIES + 1);
    assertThat(stack.count(AuthEvent.Refreshed.class)).isEqualTo(EXPIRIES);
    assertThat(stack.count(AuthEvent.RefreshFailed.class)).isZero();
    assertThat(stack.count(AuthEvent.ReauthRequired.class)).isZero();
    // The race really happened: threads found the lease taken and waited for the winner.
    assertThat(stack.count(AuthEvent.LeaseWaited.class)).isGreaterThan(EXPIRIES);
    System.out.printf(
        "[reliability] multi-thread: threads=%d expiries=%d calls=%d refreshes=%d"
            + " reuseDetections=%d errors=%d leaseWaits=%d%n",
        THREADS,
        EXPIRIES,
        THREADS * CALLS_PER_THREAD_PER_ROUND * EXPIRIES,
        fake.counters().refreshes(FakeGarmin.DEMO_EMAIL),
        fake.counters().reuseDetections(),
        errors.get(),
        stack.count(AuthEvent.LeaseWaited.class));
  }
}
