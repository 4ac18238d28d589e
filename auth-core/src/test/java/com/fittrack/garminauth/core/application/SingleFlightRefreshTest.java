package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real threads against one session: the refresh lease must make Garmin see a single refresh. */
class SingleFlightRefreshTest {
  private static final int WORKERS = 20;
  private static final UserId USER = UserId.of("user-1");

  @Test
  @Timeout(30)
  void refreshesOnceWhenTwentyWorkersAskAtExpiry() throws Exception {
    CoreHarness h = new CoreHarness();
    h.connected(USER, di("a1", "r1", START.plusSeconds(60)));
    h.garmin.refreshAnswers(di("a2", "r2", START.plus(Duration.ofHours(1))));
    h.garmin.holdRefreshes();
    // The clock stands still, so losers wait for the winner, never for their lease wait to end.
    // Each loser signs in here the first time it has to wait; then it really naps 1 ms per poll.
    Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    CountDownLatch losersWaiting = new CountDownLatch(WORKERS - 1);
    Sleeper napping =
        d -> {
          if (waiting.add(Thread.currentThread())) {
            losersWaiting.countDown();
          }
          TimeUnit.MILLISECONDS.sleep(1);
        };
    SessionService sessions = h.useCases(AuthPolicy.defaults(), napping).sessions();

    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AccessToken>> answers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return sessions.accessToken(USER);
                }));
      }
      go.countDown();

      assertThat(h.garmin.awaitRefreshStarted(10)).isTrue();
      assertThat(losersWaiting.await(10, TimeUnit.SECONDS))
          .as("all other workers wait while the refresh is in flight")
          .isTrue();
      h.garmin.releaseRefreshes();

      for (Future<AccessToken> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).token().reveal()).isEqualTo("a2");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
    assertThat(h.stored(USER).version()).isEqualTo(2);
    assertThat(h.events.of(AuthEvent.Refreshed.class)).hasSize(1);
    assertThat(h.events.of(AuthEvent.LeaseWaited.class)).hasSize(WORKERS - 1);
  }
}
