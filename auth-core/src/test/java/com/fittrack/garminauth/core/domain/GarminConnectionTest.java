package com.fittrack.garminauth.core.domain;

import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static com.fittrack.garminauth.core.support.TestCredentials.legacy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GarminConnectionTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final UserId USER = UserId.of("user-1");
  private static final GarminIdentity RUNNER = new GarminIdentity("runner", Optional.of("77"));

  private final GarminConnection fresh =
      GarminConnection.connect(USER, di("a1", "r1", T.plusSeconds(3600)), Optional.of(RUNNER), T);

  @Test
  void aNewConnectionIsConnectedAndUnsaved() {
    assertThat(fresh.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(fresh.isConnected()).isTrue();
    assertThat(fresh.version()).isEqualTo(GarminConnection.UNSAVED);
    assertThat(fresh.connectedAt()).isEqualTo(T);
    assertThat(fresh.lastRefreshedAt()).isEmpty();
    assertThat(fresh.lastFailure()).isEmpty();
  }

  @Test
  void refreshingReplacesCredentialsClearsTheFailureAndKeepsTheVersion() {
    GarminConnection failed = fresh.withVersion(3).withTransientFailure("garmin_unavailable", T);
    GarminConnection refreshed = failed.refreshed(di("a2", "r2", T.plusSeconds(7200)), T);

    assertThat(refreshed.credentials().accessToken().reveal()).isEqualTo("a2");
    assertThat(refreshed.lastRefreshedAt()).contains(T);
    assertThat(refreshed.lastFailure()).isEmpty();
    assertThat(refreshed.version()).isEqualTo(3);
    assertThat(refreshed.identity()).contains(RUNNER);
  }

  @Test
  void aRefreshCannotChangeTheCredentialFamily() {
    assertThatThrownBy(() -> fresh.refreshed(legacy("a", T, Optional.empty()), T))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void definiteRejectionRequiresReauthAndRecordsWhy() {
    GarminConnection rejected = fresh.requiringReauth("invalid_grant", T.plusSeconds(5));

    assertThat(rejected.status()).isEqualTo(ConnectionStatus.REAUTH_REQUIRED);
    assertThat(rejected.isConnected()).isFalse();
    assertThat(rejected.lastFailure())
        .contains(new ConnectionFailure("invalid_grant", T.plusSeconds(5)));
    assertThat(rejected.credentials()).isEqualTo(fresh.credentials());
    // A session that needs re-auth is never refreshed, however close its expiry.
    assertThat(rejected.needsRefresh(T.plusSeconds(7200), Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void transientFailureKeepsTheStatus() {
    GarminConnection failed = fresh.withTransientFailure("rate_limited", T);
    assertThat(failed.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(failed.lastFailure()).contains(new ConnectionFailure("rate_limited", T));
  }

  @Test
  void reconnectingRestoresAConnectionThatNeededReauth() {
    GarminConnection rejected = fresh.withVersion(4).requiringReauth("invalid_grant", T);
    GarminConnection back =
        rejected.reconnected(
            di("a9", "r9", T.plusSeconds(3600)), Optional.empty(), T.plusSeconds(60));

    assertThat(back.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(back.lastFailure()).isEmpty();
    assertThat(back.connectedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(back.identity()).as("kept when Garmin did not say").contains(RUNNER);
    assertThat(back.version()).isEqualTo(4);
  }

  @Test
  void needsRefreshWhenTheTokenExpiresWithinTheMargin() {
    Duration margin = Duration.ofMinutes(5);
    Instant expiry = fresh.credentials().accessTokenExpiresAt();
    assertThat(fresh.needsRefresh(expiry.minus(margin).minusSeconds(1), margin)).isFalse();
    assertThat(fresh.needsRefresh(expiry.minus(margin), margin)).isTrue();
    assertThat(fresh.needsRefresh(expiry.plusSeconds(1), margin)).isTrue();
  }

  private static GarminConnection issuedAt(Instant issued, Duration lifetime) {
    return GarminConnection.connect(
        USER, di("a1", "r1", issued.plus(lifetime)), Optional.empty(), issued);
  }

  /** Due from exactly {@code expectedMargin} before expiry, not a microsecond earlier. */
  private static void assertDueFrom(GarminConnection c, Duration margin, Duration expectedMargin) {
    Instant expiry = c.credentials().accessTokenExpiresAt();
    assertThat(c.effectiveMargin(margin)).isEqualTo(expectedMargin);
    assertThat(c.dueForRefresh(expiry.minus(expectedMargin).minusNanos(1000), margin)).isFalse();
    assertThat(c.dueForRefresh(expiry.minus(expectedMargin), margin)).isTrue();
    assertThat(c.dueForRefresh(expiry, margin)).isTrue();
    assertThat(c.dueForRefresh(expiry.plusSeconds(1), margin)).as("expired").isTrue();
  }

  @Test
  void aSixSecondTokenIsDueInItsLastTenthWhateverTheMargin() {
    Duration sixSeconds = Duration.ofSeconds(6);
    assertDueFrom(issuedAt(T, sixSeconds), Duration.ofMinutes(5), Duration.ofMillis(600));
    // A margin bigger than the whole lifetime is bounded the same way.
    assertDueFrom(issuedAt(T, sixSeconds), Duration.ofDays(1), Duration.ofMillis(600));
    // A margin already inside the last tenth applies as given.
    assertDueFrom(issuedAt(T, sixSeconds), Duration.ofMillis(200), Duration.ofMillis(200));
  }

  @Test
  void anHourLongTokenKeepsTheDefaultMarginAndASweeperHorizonIsBoundedToSixMinutes() {
    GarminConnection hour = issuedAt(T, Duration.ofHours(1));
    assertDueFrom(hour, Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertDueFrom(hour, Duration.ofMinutes(10), Duration.ofMinutes(6));
  }

  @Test
  void garminsTwentyOneHourTokenKeepsTheDefaultMarginAndHorizonUnchanged() {
    GarminConnection garmin = issuedAt(T, Duration.ofHours(21));
    assertDueFrom(garmin, Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertDueFrom(garmin, Duration.ofMinutes(10), Duration.ofMinutes(10));
    assertDueFrom(garmin, Duration.ofHours(3), Duration.ofMinutes(126));
  }

  @Test
  void theLifetimeRunsFromTheLastRefreshNotTheSignIn() {
    Instant refreshedAt = T.plus(Duration.ofDays(2));
    GarminConnection refreshed =
        issuedAt(T, Duration.ofHours(1))
            .refreshed(di("a2", "r2", refreshedAt.plusSeconds(6)), refreshedAt);
    assertDueFrom(refreshed, Duration.ofMinutes(5), Duration.ofMillis(600));
  }

  @Test
  void aTokenIssuedWithNoLifetimeOrAlreadyExpiredIsDueAtOnce() {
    GarminConnection zero = issuedAt(T, Duration.ZERO);
    GarminConnection negative = issuedAt(T, Duration.ofSeconds(-30));

    assertDueFrom(zero, Duration.ofMinutes(5), Duration.ZERO);
    assertDueFrom(negative, Duration.ofMinutes(5), Duration.ZERO);
    assertThat(zero.dueForRefresh(T, Duration.ofMinutes(5))).isTrue();
    assertThat(negative.dueForRefresh(T, Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void aSessionThatIsNotConnectedIsNeverDueAndANegativeMarginIsRefused() {
    GarminConnection rejected = fresh.requiringReauth("invalid_grant", T);
    assertThat(rejected.dueForRefresh(T.plusSeconds(7200), Duration.ofMinutes(5))).isFalse();
    assertThatThrownBy(() -> fresh.dueForRefresh(T, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsANegativeVersion() {
    assertThatThrownBy(() -> fresh.withVersion(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
