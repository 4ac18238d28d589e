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

  @Test
  void rejectsANegativeVersion() {
    assertThatThrownBy(() -> fresh.withVersion(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
