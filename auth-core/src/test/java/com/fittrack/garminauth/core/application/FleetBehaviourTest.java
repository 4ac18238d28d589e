package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminCooldown;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Shared cooldowns, email-keyed limits, the forced-refresh floor and the margin bounded by a tenth
 * of the token's lifetime.
 */
class FleetBehaviourTest {
  private static final UserId USER = UserId.of("user-1");
  private static final String SSO = CooldownKeys.defaults().signIn();
  private static final String DIAUTH = CooldownKeys.defaults().refresh();
  private static final Duration RETRY_AFTER = Duration.ofSeconds(120);

  private final CoreHarness h = new CoreHarness();
  private final UseCases useCases = h.useCases();

  private static GarminUnavailableException garmin429(Duration retryAfter) {
    return GarminUnavailableException.rateLimited(
        "every sign-in strategy was rate limited", retryAfter);
  }

  private SignInOutcome.SignedIn signedIn() {
    return new SignInOutcome.SignedIn(
        di("a1", "r1", h.clock.instant().plus(Duration.ofHours(1))), Optional.empty());
  }

  private void login(String user) {
    useCases.connect().login(LoginCommand.of(user, "runner@example.com", "password"));
  }

  private static GarminAuthException failure(ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(call).satisfies(t -> caught[0] = t);
    assertThat(caught[0]).isInstanceOf(GarminAuthException.class);
    return (GarminAuthException) caught[0];
  }

  @Test
  void aSignInThatGarminRateLimitsStopsEverySignInUntilRetryAfterWithoutCallingGarmin() {
    h.garmin.signInFails(garmin429(RETRY_AFTER));

    assertThat(failure(() -> login("user-1")).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    h.clock.advance(Duration.ofSeconds(45));
    GarminAuthException refused = failure(() -> login("user-2"));

    assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(75));
    assertThat(refused.getMessage()).contains("nothing was sent to Garmin");
    assertThat(h.garmin.signInCalls()).isEqualTo(1);
    assertThat(h.cooldowns.find(SSO).orElseThrow().until()).isEqualTo(START.plus(RETRY_AFTER));
    // Refreshes leave through another host: not held by a sign-in cooldown.
    assertThat(h.cooldowns.find(DIAUTH)).isEmpty();
  }

  @Test
  void afterTheCooldownOneProbeGoesOutFirstAndItsSuccessEndsTheCooldown() {
    h.garmin.signInFails(garmin429(RETRY_AFTER)).signInAnswers(signedIn());
    failure(() -> login("user-1"));
    h.clock.advance(RETRY_AFTER);
    // Another instance claimed the probe a moment ago: this one waits for its verdict.
    assertThat(h.cooldowns.tryClaimProbe(SSO, h.clock.instant(), h.clock.instant().plusSeconds(30)))
        .isTrue();
    GarminAuthException waiting = failure(() -> login("user-2"));
    assertThat(waiting.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(h.garmin.signInCalls()).isEqualTo(1);

    h.cooldowns.releaseProbe(SSO);
    login("user-2");

    assertThat(h.garmin.signInCalls()).isEqualTo(2);
    assertThat(h.cooldowns.all()).isEmpty();
  }

  @Test
  void aProbeThatIsRateLimitedAgainBacksOffExponentiallyWithoutRetryAfter() {
    h.garmin.signInFails(garmin429(null)).signInFails(garmin429(null)).signInFails(garmin429(null));
    failure(() -> login("user-1"));
    assertThat(h.cooldowns.find(SSO).orElseThrow().until()).isEqualTo(START.plusSeconds(60));

    h.clock.advance(Duration.ofSeconds(60));
    failure(() -> login("user-1"));
    GarminCooldown second = h.cooldowns.find(SSO).orElseThrow();
    assertThat(second.strikes()).isEqualTo(2);
    assertThat(second.until()).isEqualTo(h.clock.instant().plusSeconds(120));
    assertThat(second.probeUntil()).isEmpty();

    h.clock.advance(Duration.ofSeconds(120));
    failure(() -> login("user-1"));
    assertThat(h.cooldowns.find(SSO).orElseThrow().until())
        .isEqualTo(h.clock.instant().plusSeconds(240));
    assertThat(h.garmin.signInCalls()).isEqualTo(3);
  }

  @Test
  void theBackoffDoublesToThirtyMinutesAndGarminsRetryAfterIsCappedAtADay() {
    CooldownGate gate = new CooldownGate(h.cooldowns, AuthPolicy.defaults(), h.clock);

    assertThat(gate.wait(1, Optional.empty())).isEqualTo(Duration.ofMinutes(1));
    assertThat(gate.wait(2, Optional.empty())).isEqualTo(Duration.ofMinutes(2));
    assertThat(gate.wait(5, Optional.empty())).isEqualTo(Duration.ofMinutes(16));
    assertThat(gate.wait(6, Optional.empty())).isEqualTo(Duration.ofMinutes(30));
    assertThat(gate.wait(60, Optional.empty())).isEqualTo(Duration.ofMinutes(30));
    assertThat(gate.wait(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(gate.wait(1, Optional.of(Duration.ofDays(30)))).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aWrongPasswordFromTheProbeEndsTheCooldownBecauseGarminAnswered() {
    h.garmin
        .signInFails(garmin429(RETRY_AFTER))
        .signInFails(new SignInRejectedException(ErrorCode.INVALID_CREDENTIALS, "wrong"));
    failure(() -> login("user-1"));
    h.clock.advance(RETRY_AFTER);

    assertThat(failure(() -> login("user-1")).code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    assertThat(h.cooldowns.all()).isEmpty();
  }

  @Test
  void aGarminThatDoesNotAnswerTheProbeLeavesTheCooldownForTheNextProbe() {
    h.garmin
        .signInFails(garmin429(RETRY_AFTER))
        .signInFails(GarminUnavailableException.unavailable("timed out", null));
    failure(() -> login("user-1"));
    h.clock.advance(RETRY_AFTER);

    assertThat(failure(() -> login("user-1")).code()).isEqualTo(ErrorCode.GARMIN_UNAVAILABLE);
    GarminCooldown left = h.cooldowns.find(SSO).orElseThrow();
    assertThat(left.probeUntil()).isEmpty();
    assertThat(left.strikes()).isEqualTo(1);
  }

  @Test
  void theSameEmailUnderManyUserIdsIsLimitedLikeOneUser() {
    for (int i = 0; i < 5; i++) {
      h.garmin.signInFails(new SignInRejectedException(ErrorCode.INVALID_CREDENTIALS, "wrong"));
    }
    for (int i = 0; i < 5; i++) {
      String user = "rl1-alt" + i;
      assertThat(failure(() -> login(user)).code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    GarminAuthException sixth =
        failure(
            () ->
                useCases
                    .connect()
                    .login(LoginCommand.of("rl1-alt9", "  Runner@Example.COM ", "password")));

    assertThat(sixth.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(sixth.getMessage()).contains("this Garmin account").doesNotContain("runner");
    assertThat(h.garmin.signInCalls()).isEqualTo(5);
  }

  @Test
  void emailsAreCountedAsAKeyedHmacThatMatchesTheJdkOne() throws Exception {
    byte[] secret = "a-secret-of-at-least-16-bytes".getBytes(StandardCharsets.UTF_8);
    LoginKeys keys = new LoginKeys(secret);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal("runner@example.com".getBytes(StandardCharsets.UTF_8)));

    assertThat(keys.email(" Runner@Example.com")).isEqualTo("email:" + expected);
    assertThat(keys.email("runner@example.com")).doesNotContain("runner");
    assertThat(new LoginKeys(new byte[100]).hmac(new byte[0])).hasSize(32);
    assertThatThrownBy(() -> new LoginKeys(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefreshThatGarminRateLimitsPausesRefreshesButStillValidTokensAreServed() {
    UserId other = UserId.of("user-2");
    UserId expired = UserId.of("user-3");
    h.connected(USER, di("a1", "r1", START.plusSeconds(60)));
    h.connected(other, di("b1", "r1", START.plusSeconds(60)));
    h.garmin.refreshFails(garmin429(Duration.ofSeconds(300)));

    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a1");
    assertThat(useCases.sessions().accessToken(other).token().reveal()).isEqualTo("b1");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
    assertThat(h.connections.leaseHolder(other)).isEmpty();

    h.connected(expired, di("c1", "r1", START.minusSeconds(1)));
    GarminAuthException refused = failure(() -> useCases.sessions().accessToken(expired));
    assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(300));
    try (RefreshSweeper sweeper = useCases.sweeper(SweepSettings.defaults())) {
      assertThat(sweeper.sweepOnce().claimed()).isZero();
    }
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void afterARefreshCooldownTheSweeperSendsOneProbeAndResumes() {
    h.connected(USER, di("a1", "r1", START.plusSeconds(600)));
    h.cooldowns.block(DIAUTH, START, strikes -> START.plusSeconds(30));
    h.garmin.refreshAnswers(di("a2", "r2", START.plus(Duration.ofHours(2))));
    try (RefreshSweeper sweeper = useCases.sweeper(SweepSettings.defaults())) {
      assertThat(sweeper.sweepOnce().claimed()).isZero();
      h.clock.advance(Duration.ofSeconds(30));
      assertThat(sweeper.sweepOnce().refreshed()).isEqualTo(1);
    }
    assertThat(h.cooldowns.all()).isEmpty();
  }

  @Test
  void aForcedRefreshOfATokenYoungerThanTheFloorIsRefusedWithoutCallingGarmin() {
    h.connectedAt(USER, di("a1", "r1", START.plus(Duration.ofHours(1))), START);
    h.clock.advance(Duration.ofSeconds(10));

    GarminAuthException refused =
        failure(() -> useCases.sessions().refreshAfterRejection(USER, "a1"));

    assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(20));
    assertThat(h.garmin.refreshCalls()).isZero();

    h.clock.advance(Duration.ofSeconds(20));
    h.garmin.refreshAnswers(di("a2", "r2", START.plus(Duration.ofHours(2))));
    assertThat(useCases.sessions().refreshAfterRejection(USER, "a1").token().reveal())
        .isEqualTo("a2");
    // The new token is young again: sending it straight back is refused.
    assertThat(failure(() -> useCases.sessions().refreshAfterRejection(USER, "a2")).code())
        .isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void aTokenShorterLivedThanTheMarginIsRefreshedOnlyInItsLastTenthOncePerLifetime() {
    // 6-s tokens and the default 5-min margin: each token is due 0.6 s before it expires.
    h.connectedAt(USER, di("a1", "r1", START.plusSeconds(6)), START);
    h.garmin
        .refreshAnswers(di("a2", "r2", START.plusMillis(5400 + 6000)))
        .refreshAnswers(di("a3", "r3", START.plusMillis(10800 + 6000)));

    h.clock.advance(Duration.ofMillis(5399));
    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a1");
    assertThat(h.garmin.refreshCalls()).isZero();

    h.clock.advance(Duration.ofMillis(1));
    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a2");
    // The new token is served as is until its own last tenth: one refresh per lifetime.
    h.clock.advance(Duration.ofMillis(5399));
    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);

    h.clock.advance(Duration.ofMillis(1));
    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a3");
    assertThat(h.garmin.refreshCalls()).isEqualTo(2);
  }

  @Test
  void anExpiredShortTokenIsRefreshedOnDemand() {
    h.connectedAt(USER, di("a1", "r1", START.plusSeconds(6)), START);
    h.garmin.refreshAnswers(di("a2", "r2", START.plusSeconds(20 + 6)));

    h.clock.advance(Duration.ofSeconds(20));
    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void theSweeperLeavesATokenBeforeItsLastTenthWhateverTheHorizon() {
    h.connectedAt(USER, di("a1", "r1", START.plusSeconds(6)), START);
    h.garmin.refreshAnswers(di("a2", "r2", START.plusSeconds(12)));
    try (RefreshSweeper sweeper = useCases.sweeper(SweepSettings.defaults())) {
      // Half its life has passed and the 10-min horizon covers it: still not due.
      h.clock.advance(Duration.ofSeconds(3));
      assertThat(sweeper.sweepOnce().refreshed()).isZero();
      assertThat(h.connections.leaseHolder(USER)).isEmpty();
      h.clock.advance(Duration.ofMillis(2399));
      assertThat(sweeper.sweepOnce().refreshed()).isZero();
      h.clock.advance(Duration.ofMillis(1));
      assertThat(sweeper.sweepOnce().refreshed()).isEqualTo(1);
      assertThat(sweeper.sweepOnce().refreshed()).isZero();
    }
    assertThat(h.garmin.refreshCalls()).isEqualTo(1);
  }

  @Test
  void operatorsSeeAndClearCooldowns() {
    GarminCooldownAdmin admin = useCases.cooldowns();
    h.cooldowns.block(SSO, START, strikes -> START.plusSeconds(60));

    assertThat(admin.cooldowns()).extracting(GarminCooldown::key).containsExactly(SSO);
    assertThat(admin.activeCount()).isEqualTo(1);
    assertThat(admin.keys()).isEqualTo(CooldownKeys.defaults());
    assertThat(admin.clearCooldown(SSO)).isTrue();
    assertThat(admin.clearCooldown(SSO)).isFalse();
    assertThat(admin.activeCount()).isZero();
    assertThatThrownBy(() -> admin.clearCooldown("has space"))
        .hasMessageContaining("printable ASCII");
  }
}
