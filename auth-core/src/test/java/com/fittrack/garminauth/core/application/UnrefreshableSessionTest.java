package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.RefreshSweeper.SweepReport;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.ReauthRequiredException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A session imported without a refresh token (python-garminconnect's {@code "di_refresh_token":
 * null}) serves its token until it expires, then needs the user; Garmin is never asked to refresh
 * it with nothing.
 */
class UnrefreshableSessionTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant EXPIRES = START.plus(Duration.ofMinutes(3));

  private final CoreHarness h = new CoreHarness();
  private final UseCases useCases = h.useCases();

  private static DiOAuth2Credentials unrefreshable() {
    return DiOAuth2Credentials.unrefreshable(Secret.of("a1"), "client", EXPIRES);
  }

  @Test
  void knowsItCannotRefreshWhileOrdinarySessionsCan() {
    assertThat(unrefreshable().canRefresh()).isFalse();
    DiOAuth2Credentials ordinary =
        new DiOAuth2Credentials(
            Secret.of("a"), Secret.of("r"), "client", EXPIRES, Optional.of(EXPIRES.plusSeconds(1)));
    assertThat(ordinary.canRefresh()).isTrue();
  }

  @Test
  void servesItsTokenInsideTheRefreshMarginWithoutAskingGarmin() {
    h.connected(USER, unrefreshable());

    assertThat(useCases.sessions().accessToken(USER).token().reveal()).isEqualTo("a1");

    assertThat(h.garmin.refreshCalls()).isZero();
    assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(h.connections.leaseHolder(USER)).as("lease released").isEmpty();
  }

  @Test
  void needsTheUserOnceItsTokenHasExpired() {
    h.connected(USER, unrefreshable());
    h.clock.advance(Duration.ofMinutes(4));

    assertThatThrownBy(() -> useCases.sessions().accessToken(USER))
        .isInstanceOfSatisfying(
            ReauthRequiredException.class,
            e -> assertThat(e.reason()).isEqualTo(SessionService.NO_REFRESH_TOKEN));

    assertThat(h.garmin.refreshCalls()).isZero();
    assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(h.events.of(AuthEvent.ReauthRequired.class)).hasSize(1);
  }

  @Test
  void aRejectedTokenWithNothingToRefreshWithNeedsTheUser() {
    h.connected(USER, unrefreshable());

    assertThatThrownBy(() -> useCases.sessions().refreshAfterRejection(USER, "a1"))
        .isInstanceOf(ReauthRequiredException.class);

    assertThat(h.garmin.refreshCalls()).isZero();
  }

  @Test
  void theSweeperLeavesItAloneUntilItExpiresThenMarksIt() {
    h.connected(USER, unrefreshable());
    SweepSettings settings =
        new SweepSettings(
            Duration.ofMinutes(10), Duration.ofHours(1), 64, 1, Duration.ofSeconds(60));

    try (RefreshSweeper sweeper = useCases.sweeper(settings)) {
      // Every claim is skipped and released; the same sweep may claim the released row again
      // while its first batch is still finishing (the sweeper claims ahead), so count claims =
      // skips.
      SweepReport first = sweeper.sweepOnce();
      assertThat(first.claimed()).isPositive().isEqualTo(first.skipped());
      assertThat(first.refreshed()).isZero();
      assertThat(first.failed()).isZero();
      assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.CONNECTED);

      h.clock.advance(Duration.ofMinutes(4));
      sweeper.sweepOnce();
    }

    assertThat(h.garmin.refreshCalls()).isZero();
    assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
  }
}
