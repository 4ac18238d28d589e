package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static com.fittrack.garminauth.core.support.TestCredentials.legacy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.DiOAuth2Credentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionServiceTest {
  private static final UserId USER = UserId.of("user-1");
  private static final UserId OTHER = UserId.of("user-2");
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));

  private final CoreHarness h = new CoreHarness();
  private final ConnectionService connections = h.useCases().connections();

  @Test
  void statusShowsTheConnectionWithoutItsSecrets() {
    h.connected(USER, di("a1-SECRET", "r1-SECRET", IN_1_HOUR));

    ConnectionSummary summary = connections.status(USER).orElseThrow();

    assertThat(summary.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(summary.credentialType()).isEqualTo(CredentialType.DI_OAUTH2);
    assertThat(summary.accessTokenExpiresAt()).isEqualTo(IN_1_HOUR);
    assertThat(summary.refreshTokenExpiresAt()).contains(IN_1_HOUR.plus(Duration.ofDays(30)));
    assertThat(summary.toString()).doesNotContain("SECRET");
    assertThat(connections.status(OTHER)).isEmpty();
  }

  @Test
  void disconnectDeletesTheSessionAndTheUsersPendingChallenges() {
    h.connected(USER, di("a1", "r1", IN_1_HOUR));
    MfaChallenge mine = challengeFor(USER);
    MfaChallenge theirs = challengeFor(OTHER);

    assertThat(connections.disconnect(USER)).isTrue();

    assertThat(h.connections.find(USER)).isEmpty();
    assertThat(h.challenges.find(mine.id())).isEmpty();
    assertThat(h.challenges.find(theirs.id())).isPresent();
    assertThat(h.events.of(AuthEvent.Disconnected.class))
        .containsExactly(new AuthEvent.Disconnected(USER, START));
  }

  @Test
  void disconnectingAnUnknownUserReportsNothingToDelete() {
    MfaChallenge pending = challengeFor(USER);

    assertThat(connections.disconnect(USER)).isFalse();

    assertThat(h.challenges.find(pending.id())).as("abandoned sign-in removed too").isEmpty();
    assertThat(h.events.all()).isEmpty();
  }

  @Test
  void importStoresTheSessionWithTheIdentityGarminReports() {
    h.garmin.identifiesAs(new GarminIdentity("runner", Optional.of("42")));

    ConnectionSummary summary = connections.importSession(USER, di("a1", "r1", IN_1_HOUR));

    assertThat(summary.garminDisplayName()).contains("runner");
    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("a1");
    assertThat(h.events.of(AuthEvent.Connected.class))
        .containsExactly(new AuthEvent.Connected(USER, START, CredentialType.DI_OAUTH2));
  }

  @Test
  void importReplacesAnEarlierSession() {
    h.connected(USER, di("old", "r0", IN_1_HOUR));

    connections.importSession(USER, legacy("new", IN_1_HOUR, Optional.empty()));

    assertThat(h.stored(USER).credentials().type()).isEqualTo(CredentialType.LEGACY_OAUTH1);
    assertThat(h.stored(USER).version()).isEqualTo(2);
  }

  @Test
  void importAcceptsAnExpiredAccessTokenWhileTheRefreshTokenLives() {
    connections.importSession(USER, di("a1", "r1", START.minusSeconds(60)));

    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  @Test
  void importRejectsASessionWhoseRefreshTokenExpiredNamingTheField() {
    var expired =
        new DiOAuth2Credentials(
            Secret.of("a"), Secret.of("r"), "client", START, Optional.of(START));

    assertThatThrownBy(() -> connections.importSession(USER, expired))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("refresh_token_expires_at"));
    assertThat(h.connections.find(USER)).isEmpty();
  }

  @Test
  void importRejectsALegacySessionWhoseMfaTokenExpiredNamingTheField() {
    var expired = legacy("a", IN_1_HOUR, Optional.of(START.minusSeconds(1)));

    assertThatThrownBy(() -> connections.importSession(USER, expired))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("mfa_expiration_timestamp"));
    assertThat(h.connections.find(USER)).isEmpty();
    assertThat(connections.importSession(USER, legacy("a", IN_1_HOUR, Optional.of(IN_1_HOUR))))
        .extracting(ConnectionSummary::status)
        .isEqualTo(ConnectionStatus.CONNECTED);
  }

  private MfaChallenge challengeFor(UserId user) {
    MfaChallenge c = MfaChallenge.open(user, MfaMethod.EMAIL, Secret.of("s"), 5, START, IN_1_HOUR);
    h.challenges.save(c);
    return c;
  }
}
