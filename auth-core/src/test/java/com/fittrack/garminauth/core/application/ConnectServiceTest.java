package com.fittrack.garminauth.core.application;

import static com.fittrack.garminauth.core.support.TestCredentials.di;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.AuthEvent;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.ConnectionStatus;
import com.fittrack.garminauth.core.domain.CredentialType;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConnectServiceTest {
  private static final UserId USER = UserId.of("user-1");
  private static final Instant LATER = CoreHarness.START.plus(Duration.ofHours(1));

  private final CoreHarness h = new CoreHarness();
  private final ConnectService connect = h.useCases().connect();

  @Test
  void plainLoginStoresTheSessionAndReportsItConnected() {
    var identity = new GarminIdentity("runner", Optional.empty());
    h.garmin.signInAnswers(
        new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.of(identity)));

    LoginResult result = connect.login(login());

    assertThat(result).isInstanceOf(LoginResult.Connected.class);
    ConnectionSummary summary = ((LoginResult.Connected) result).connection();
    assertThat(summary.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(summary.garminDisplayName()).contains("runner");
    assertThat(summary.accessTokenExpiresAt()).isEqualTo(LATER);
    assertThat(h.stored(USER).version()).isEqualTo(1);
    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("a1");
    assertThat(h.events.of(AuthEvent.Connected.class))
        .containsExactly(
            new AuthEvent.Connected(USER, CoreHarness.START, CredentialType.DI_OAUTH2));
  }

  @Test
  void signingInAgainReplacesASessionThatNeededReauth() {
    var old = h.connected(USER, di("old", "r0", CoreHarness.START));
    h.connections.update(old.requiringReauth("invalid_grant", CoreHarness.START));
    h.garmin.signInAnswers(new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty()));

    connect.login(login());

    assertThat(h.stored(USER).status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(h.stored(USER).lastFailure()).isEmpty();
    assertThat(h.stored(USER).credentials().accessToken().reveal()).isEqualTo("a1");
    assertThat(h.stored(USER).version()).isEqualTo(3);
  }

  @Test
  void wrongPasswordStoresNothing() {
    h.garmin.signInFails(new SignInRejectedException(ErrorCode.INVALID_CREDENTIALS, "no"));

    assertFails(() -> connect.login(login()), ErrorCode.INVALID_CREDENTIALS);
    assertThat(h.connections.find(USER)).isEmpty();
  }

  @Test
  void mfaLoginOpensAChallengeThatTheCodeCompletes() {
    Secret resume = Secret.of("cookies-and-flow");
    h.garmin
        .signInAnswers(new SignInOutcome.MfaRequired(MfaMethod.EMAIL, resume))
        .mfaAnswers(new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty()));

    var mfa = (LoginResult.MfaRequired) connect.login(login());

    assertThat(mfa.method()).isEqualTo(MfaMethod.EMAIL);
    assertThat(mfa.expiresAt()).isEqualTo(CoreHarness.START.plus(Duration.ofMinutes(10)));
    MfaChallenge saved = h.challenges.find(mfa.challengeId()).orElseThrow();
    assertThat(saved.resumeState()).isEqualTo(resume);
    assertThat(saved.maxAttempts()).isEqualTo(5);
    assertThat(h.connections.find(USER)).isEmpty();

    ConnectionSummary summary = connect.completeMfa(mfaCommand(mfa.challengeId(), "123456"));

    assertThat(summary.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(h.garmin.codesTried()).containsExactly("123456");
    assertThat(h.challenges.find(mfa.challengeId())).as("single use").isEmpty();
    assertThat(h.events.of(AuthEvent.Connected.class)).hasSize(1);
  }

  @Test
  void aWrongCodeCanBeFollowedByTheRightOne() {
    ChallengeId id = openChallenge();
    h.garmin
        .mfaFails(ChallengeException.invalidCode(99))
        .mfaAnswers(new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty()));

    assertThatThrownBy(() -> connect.completeMfa(mfaCommand(id, "111111")))
        .isInstanceOfSatisfying(
            ChallengeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MFA_CODE);
              assertThat(e.attemptsLeft()).as("counted by us, not Garmin").hasValue(4);
            });
    assertThat(h.challenges.find(id).orElseThrow().attemptInProgress(h.clock.instant())).isFalse();

    connect.completeMfa(mfaCommand(id, "222222"));

    assertThat(h.garmin.codesTried()).containsExactly("111111", "222222");
    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  @Test
  void theLastWrongCodeUsesTheChallengeUp() {
    ChallengeId id = openChallenge();
    for (int left = 4; left >= 0; left--) {
      h.garmin.mfaFails(ChallengeException.invalidCode(99));
      int expected = left;
      assertThatThrownBy(() -> connect.completeMfa(mfaCommand(id, "111111")))
          .isInstanceOfSatisfying(
              ChallengeException.class, e -> assertThat(e.attemptsLeft()).hasValue(expected));
    }

    assertThat(h.challenges.find(id)).isEmpty();
    assertFails(() -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.CHALLENGE_NOT_FOUND);
    assertThat(h.garmin.codesTried()).hasSize(5);
  }

  @Test
  void aChallengeWithNoAttemptsLeftIsRefusedWithoutAskingGarmin() {
    MfaChallenge spent =
        new MfaChallenge(
            ChallengeId.random(),
            USER,
            MfaMethod.EMAIL,
            Secret.of("s"),
            5,
            5,
            CoreHarness.START,
            LATER,
            Optional.empty());
    h.challenges.save(spent);

    assertFails(
        () -> connect.completeMfa(mfaCommand(spent.id(), "123456")), ErrorCode.CHALLENGE_EXPIRED);
    assertThat(h.garmin.codesTried()).isEmpty();
  }

  @Test
  void anExpiredChallengeIsRefusedWithoutAskingGarmin() {
    ChallengeId id = openChallenge();
    h.clock.advance(Duration.ofMinutes(10));

    assertFails(() -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.CHALLENGE_EXPIRED);
    assertThat(h.garmin.codesTried()).isEmpty();
  }

  @Test
  void anUnknownChallengeIsNotFound() {
    assertFails(
        () -> connect.completeMfa(mfaCommand(ChallengeId.random(), "123456")),
        ErrorCode.CHALLENGE_NOT_FOUND);
  }

  @Test
  void anotherUsersChallengeIsNotFoundAndKeepsItsAttempts() {
    ChallengeId id = openChallenge();
    var intruder = new CompleteMfaCommand(UserId.of("user-2"), id, "123456");

    assertFails(() -> connect.completeMfa(intruder), ErrorCode.CHALLENGE_NOT_FOUND);
    assertThat(h.challenges.find(id).orElseThrow().attempts()).isZero();
    assertThat(h.garmin.codesTried()).isEmpty();
  }

  @Test
  void aSecondCodeWhileOneIsBeingVerifiedIsInProgress() {
    ChallengeId id = openChallenge();
    // Another request is verifying right now: it holds the attempt lock.
    h.challenges.beginAttempt(id, h.clock.instant(), h.clock.instant().plusSeconds(60));

    assertFails(
        () -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.CHALLENGE_IN_PROGRESS);
    assertThat(h.garmin.codesTried()).isEmpty();
  }

  @Test
  void aCodeSubmittedWhileAnotherIsAtGarminNeverReachesGarmin() {
    ChallengeId id = openChallenge();
    h.garmin.mfaDoes(
        () -> {
          // While Garmin checks the first code, a second request arrives with another code.
          assertFails(
              () -> connect.completeMfa(mfaCommand(id, "999999")), ErrorCode.CHALLENGE_IN_PROGRESS);
          return new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty());
        });

    connect.completeMfa(mfaCommand(id, "123456"));

    assertThat(h.garmin.codesTried()).containsExactly("123456");
    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  @Test
  void garminUnavailableGivesTheAttemptBack() {
    ChallengeId id = openChallenge();
    h.garmin
        .mfaFails(GarminUnavailableException.unavailable("timeout", null))
        .mfaAnswers(new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty()));

    assertFails(() -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.GARMIN_UNAVAILABLE);

    MfaChallenge after = h.challenges.find(id).orElseThrow();
    assertThat(after.attempts()).isZero();
    assertThat(after.attemptInProgress(h.clock.instant())).isFalse();
    connect.completeMfa(mfaCommand(id, "123456"));
    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  @Test
  void aChallengeErrorOtherThanAWrongCodeGivesTheAttemptBack() {
    ChallengeId id = openChallenge();
    h.garmin.mfaFails(new ChallengeException(ErrorCode.CHALLENGE_EXPIRED, "Garmin expired it"));

    assertFails(() -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.CHALLENGE_EXPIRED);
    assertThat(h.challenges.find(id).orElseThrow().attempts()).isZero();
  }

  @Test
  void aChallengeUsedUpWhileGarminAnsweredStoresNothing() {
    ChallengeId id = openChallenge();
    h.garmin.mfaDoes(
        () -> {
          // Meanwhile the challenge is removed (a racing request used it, or a disconnect).
          h.challenges.delete(id);
          return new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty());
        });

    assertFails(() -> connect.completeMfa(mfaCommand(id, "123456")), ErrorCode.CHALLENGE_NOT_FOUND);
    assertThat(h.connections.find(USER)).isEmpty();
  }

  @Test
  void throttlesSignInsPerUserAndSaysWhenToRetry() {
    ConnectService strict =
        h.useCases(AuthPolicy.defaults().toBuilder().loginAttemptsPerWindow(2).build()).connect();
    h.clock.set(Instant.parse("2026-03-01T10:05:00Z")); // 10 minutes left in a 15-minute window
    for (int i = 0; i < 2; i++) {
      h.garmin.signInFails(new SignInRejectedException(ErrorCode.INVALID_CREDENTIALS, "no"));
      assertFails(() -> strict.login(login()), ErrorCode.INVALID_CREDENTIALS);
    }

    assertThatThrownBy(() -> strict.login(login()))
        .isInstanceOfSatisfying(
            GarminUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
            });
    assertThat(h.garmin.signInCalls()).isEqualTo(2);
    // Other users are not affected, and the next window starts afresh.
    h.garmin.signInAnswers(new SignInOutcome.SignedIn(di("a", "r", LATER), Optional.empty()));
    strict.login(LoginCommand.of("user-2", "other@example.com", "pw"));
    h.clock.advance(Duration.ofMinutes(10));
    h.garmin.signInAnswers(new SignInOutcome.SignedIn(di("a", "r", LATER), Optional.empty()));
    assertThat(strict.login(login())).isInstanceOf(LoginResult.Connected.class);
  }

  @Test
  void aFailingListenerDoesNotFailTheSignIn() {
    ConnectService withBadListener =
        new UseCases(
                h.connections,
                h.challenges,
                h.garmin,
                Optional.empty(),
                event -> {
                  throw new IllegalStateException("metrics down");
                },
                AuthPolicy.defaults(),
                h.clock,
                h.sleeper)
            .connect();
    h.garmin.signInAnswers(new SignInOutcome.SignedIn(di("a1", "r1", LATER), Optional.empty()));

    assertThat(withBadListener.login(login())).isInstanceOf(LoginResult.Connected.class);
    assertThat(h.stored(USER).isConnected()).isTrue();
  }

  private ChallengeId openChallenge() {
    h.garmin.signInAnswers(new SignInOutcome.MfaRequired(MfaMethod.EMAIL, Secret.of("state")));
    return ((LoginResult.MfaRequired) connect.login(login())).challengeId();
  }

  private static LoginCommand login() {
    return LoginCommand.of(USER.value(), "runner@example.com", "correct horse");
  }

  private static CompleteMfaCommand mfaCommand(ChallengeId id, String code) {
    return new CompleteMfaCommand(USER, id, code);
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GarminAuthException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
