package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.RefreshSweeper.SweepReport;
import com.fittrack.garminauth.core.application.port.out.LeaseRequest;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RefreshSweeperTest {
  private static final UserId A = UserId.of("user-a");
  private static final UserId B = UserId.of("user-b");
  private static final UserId C = UserId.of("user-c");
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));

  private final CoreHarness h = new CoreHarness();
  private final UseCases useCases = h.useCases();

  @Test
  void refreshesOnlyConnectionsThatExpireWithinTheHorizon() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.connected(B, di("b1", "rb", START.plus(Duration.ofMinutes(9))));
    h.connected(C, di("c1", "rc", IN_1_HOUR));
    h.garmin.refreshDoes(RefreshSweeperTest::next).refreshDoes(RefreshSweeperTest::next);

    try (RefreshSweeper sweeper = useCases.sweeper(settings(2))) {
      assertThat(sweeper.sweepOnce()).isEqualTo(new SweepReport(2, 2, 0, 0));
      assertThat(sweeper.sweepOnce()).isEqualTo(new SweepReport(0, 0, 0, 0));
    }

    assertThat(token(A)).isEqualTo("a1-next");
    assertThat(token(B)).isEqualTo("b1-next");
    assertThat(token(C)).isEqualTo("c1");
    assertThat(h.garmin.refreshCalls()).isEqualTo(2);
  }

  @Test
  void leavesSessionsThatAnotherWorkerIsRefreshing() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.connections.tryAcquireRefreshLease(
        A, new LeaseRequest("foreground", START, START.plusSeconds(30)));

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      assertThat(sweeper.sweepOnce().claimed()).isZero();
    }
    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void pausesAfterGarminRateLimitsIt() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.connected(B, di("b1", "rb", START.plus(Duration.ofMinutes(3))));
    h.connected(C, di("c1", "rc", START.plus(Duration.ofMinutes(4))));
    h.garmin.refreshFails(GarminUnavailableException.rateLimited("429", Duration.ofMinutes(2)));

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      assertThat(sweeper.sweepOnce()).isEqualTo(new SweepReport(3, 0, 1, 2));
      assertThat(h.garmin.refreshCalls()).isEqualTo(1);
      assertThat(h.stored(A).lastFailure().orElseThrow().code()).isEqualTo("rate_limited");
      assertThat(h.connections.leaseHolder(B)).as("skipped leases are given back").isEmpty();

      h.clock.advance(Duration.ofSeconds(119));
      assertThat(sweeper.sweepOnce().claimed()).as("still paused").isZero();

      h.clock.advance(Duration.ofSeconds(1));
      h.garmin
          .refreshDoes(RefreshSweeperTest::next)
          .refreshDoes(RefreshSweeperTest::next)
          .refreshDoes(RefreshSweeperTest::next);
      assertThat(sweeper.sweepOnce().refreshed()).isEqualTo(3);
    }
  }

  @Test
  void usesTheConfiguredPauseWhenGarminGivesNoRetryAfter() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.garmin.refreshFails(GarminUnavailableException.rateLimited("bot check", null));

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      sweeper.sweepOnce();
      h.clock.advance(Duration.ofSeconds(59));
      assertThat(sweeper.sweepOnce().claimed()).isZero();
      h.clock.advance(Duration.ofSeconds(1));
      h.garmin.refreshDoes(RefreshSweeperTest::next);
      assertThat(sweeper.sweepOnce().refreshed()).isEqualTo(1);
    }
  }

  @Test
  void countsARejectedSessionAsFailedAndMovesOn() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.connected(B, di("b1", "rb", START.plus(Duration.ofMinutes(3))));
    h.garmin
        .refreshFails(new ReauthRequiredException("invalid_grant", "revoked"))
        .refreshDoes(RefreshSweeperTest::next);

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      assertThat(sweeper.sweepOnce()).isEqualTo(new SweepReport(2, 1, 1, 0));
    }
    assertThat(h.stored(A).status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(token(B)).isEqualTo("b1-next");
  }

  @Test
  void givesBackALeaseThatWouldRunOutWhileGarminAnswersAndClaimsItAfresh() {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    h.connected(B, di("b1", "rb", START.plus(Duration.ofMinutes(3))));
    h.garmin
        .refreshDoes(
            current -> {
              h.clock.advance(Duration.ofSeconds(20)); // B's lease, claimed with A's, has 10 s left
              return next(current);
            })
        .refreshDoes(RefreshSweeperTest::next);

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      // A refreshed; B skipped in the first batch, then claimed with a full lease in the next.
      assertThat(sweeper.sweepOnce()).isEqualTo(new SweepReport(3, 2, 0, 1));
    }
    assertThat(h.garmin.refreshedFrom())
        .extracting(c -> c.accessToken().reveal())
        .containsExactly("a1", "b1");
    assertThat(token(B)).isEqualTo("b1-next");
  }

  @Test
  @Timeout(20)
  void startSweepsInTheBackgroundAndCloseStopsIt() throws Exception {
    h.connected(A, di("a1", "ra", START.plus(Duration.ofMinutes(2))));
    CountDownLatch refreshed = new CountDownLatch(1);
    h.garmin.refreshDoes(
        current -> {
          refreshed.countDown();
          return next(current);
        });

    RefreshSweeper sweeper = useCases.sweeper(settings(1));
    sweeper.start();
    assertThatThrownBy(sweeper::start).isInstanceOf(IllegalStateException.class);
    assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
    sweeper.close(); // waits for the sweep in flight to store its result

    assertThat(token(A)).isEqualTo("a1-next");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void eachSweepPurgesExpiredMfaChallengesOnly() {
    MfaChallenge expired =
        MfaChallenge.open(
            A, MfaMethod.EMAIL, Secret.of("cookies-a"), 5, START.minusSeconds(700), START);
    MfaChallenge pending =
        MfaChallenge.open(B, MfaMethod.EMAIL, Secret.of("cookies-b"), 5, START, IN_1_HOUR);
    h.challenges.save(expired);
    h.challenges.save(pending);

    try (RefreshSweeper sweeper = useCases.sweeper(settings(1))) {
      sweeper.sweepOnce();
    }

    assertThat(h.challenges.find(expired.id())).isEmpty();
    assertThat(h.challenges.find(pending.id())).contains(pending);
  }

  @Test
  void aClosedSweeperCannotBeStartedAgain() {
    RefreshSweeper sweeper = useCases.sweeper(settings(1));
    sweeper.close();

    assertThatThrownBy(sweeper::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void settingsRejectNonsense() {
    Duration m = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new SweepSettings(Duration.ZERO, m, 1, 1, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SweepSettings(m, null, 1, 1, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SweepSettings(m, m, 1, 0, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SweepSettings(m, m, 10_001, 1, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SweepSettings.defaults().horizon()).isEqualTo(Duration.ofMinutes(10));
  }

  /** Ten-minute horizon, an interval long enough that a started sweeper sweeps once. */
  private static SweepSettings settings(int parallelism) {
    return new SweepSettings(
        Duration.ofMinutes(10), Duration.ofHours(1), 64, parallelism, Duration.ofSeconds(60));
  }

  private static GarminCredentials next(GarminCredentials current) {
    return di(current.accessToken().reveal() + "-next", "rotated", IN_1_HOUR);
  }

  private String token(UserId user) {
    return h.stored(user).credentials().accessToken().reveal();
  }
}
