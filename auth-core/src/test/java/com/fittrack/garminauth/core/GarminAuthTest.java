package com.fittrack.garminauth.core;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.AuthPolicy;
import com.fittrack.garminauth.core.application.RefreshSweeper;
import com.fittrack.garminauth.core.application.SweepSettings;
import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.NotConnectedException;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GarminAuthTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant IN_1_HOUR = START.plus(Duration.ofHours(1));

  private final CoreHarness h = new CoreHarness();

  private GarminAuth.Builder wired() {
    return GarminAuth.builder()
        .connections(h.connections)
        .challenges(h.challenges)
        .authenticator(h.garmin)
        .listener(h.events)
        .clock(h.clock)
        .sleeper(h.sleeper);
  }

  @Test
  void buildRequiresEachPortAndNamesTheMissingOne() {
    assertThatThrownBy(() -> wired().connections(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connections");
    assertThatThrownBy(() -> wired().challenges(null).build()).hasMessageContaining("challenges");
    assertThatThrownBy(() -> wired().authenticator(null).build())
        .hasMessageContaining("authenticator");
    assertThatThrownBy(() -> wired().listener(null).build()).hasMessageContaining("listener");
    assertThatThrownBy(() -> wired().policy(null).build()).hasMessageContaining("policy");
    assertThatThrownBy(() -> wired().clock(null).build()).hasMessageContaining("clock");
    assertThatThrownBy(() -> wired().sleeper(null).build()).hasMessageContaining("sleeper");
  }

  @Test
  void aUserConnectsWithMfaGetsTokensAndDisconnectsThroughTheFacade() {
    GarminAuth auth = wired().build();
    h.garmin
        .signInAnswers(new SignInOutcome.MfaRequired(MfaMethod.SMS, Secret.of("state")))
        .mfaAnswers(new SignInOutcome.SignedIn(di("a1", "r1", IN_1_HOUR), Optional.empty()))
        .refreshAnswers(di("a2", "r2", IN_1_HOUR.plusSeconds(60)));

    var mfa =
        (LoginResult.MfaRequired)
            auth.login(LoginCommand.of("user-1", "runner@example.com", "password"));
    auth.completeMfa(new CompleteMfaCommand(USER, mfa.challengeId(), "123456"));

    assertThat(auth.status(USER)).isPresent();
    assertThat(auth.accessToken(USER).token().reveal()).isEqualTo("a1");
    // A forced refresh of a token younger than the floor (30 s) is refused: tested apart.
    h.clock.advance(Duration.ofSeconds(30));
    assertThat(auth.sessions().refreshAfterRejection(USER, "a1").token().reveal()).isEqualTo("a2");
    assertThat(auth.refreshAfterRejection(USER, "a1").token().reveal()).isEqualTo("a2");
    assertThat(auth.disconnect(USER)).isTrue();
    assertThatThrownBy(() -> auth.accessToken(USER)).isInstanceOf(NotConnectedException.class);
    assertThat(h.events.all())
        .map(e -> e.getClass().getSimpleName())
        .containsExactly("Connected", "Refreshed", "Disconnected");
  }

  @Test
  void importAndSweepAreReachableThroughTheFacade() {
    GarminAuth auth = wired().build();
    auth.importSession(USER, di("a1", "r1", START.plusSeconds(60)));
    h.garmin.refreshAnswers(di("a2", "r2", IN_1_HOUR));

    try (RefreshSweeper sweeper = auth.sweeper(SweepSettings.defaults())) {
      // The imported token's lifetime counts from the import (60 s): not before its last tenth,
      // 6 s, however long the horizon (no refresh storm) ...
      assertThat(sweeper.sweepOnce().refreshed()).isZero();
      h.clock.advance(Duration.ofSeconds(53));
      assertThat(sweeper.sweepOnce().refreshed()).isZero();
      h.clock.advance(Duration.ofSeconds(1));
      // ... then once.
      assertThat(sweeper.sweepOnce().refreshed()).isEqualTo(1);
    }
    assertThat(auth.accessToken(USER).token().reveal()).isEqualTo("a2");
    assertThat(h.events.of(AuthEvent.Connected.class)).hasSize(1);
  }

  @Test
  void aSharedLoginAttemptStoreIsUsedWhenGiven() {
    GarminAuth auth =
        wired()
            .loginAttempts((key, windowStart) -> 99)
            .policy(AuthPolicy.defaults().toBuilder().loginAttemptsPerWindow(3).build())
            .build();

    assertThatThrownBy(() -> auth.login(LoginCommand.of("user-1", "a@b.c", "pw")))
        .isInstanceOfSatisfying(
            GarminUnavailableException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    assertThat(h.garmin.signInCalls()).isZero();
  }
}
