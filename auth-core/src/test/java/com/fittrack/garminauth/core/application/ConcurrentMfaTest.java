package com.fittrack.garminauth.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fittrack.garminauth.core.application.port.in.CompleteMfaCommand;
import com.fittrack.garminauth.core.application.port.in.ConnectGarminAccount;
import com.fittrack.garminauth.core.application.port.in.LoginCommand;
import com.fittrack.garminauth.core.application.port.in.LoginResult;
import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.support.CoreHarness;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: an MFA submission that read the challenge just before another request claimed it must
 * hear "being judged, try again" (retryable 409), not "no such challenge" (sign in again).
 */
class ConcurrentMfaTest {
  private static final UserId USER = UserId.of("user-1");

  private final CoreHarness h = new CoreHarness();

  @Test
  void aSubmissionThatLosesTheClaimToAnotherHearsChallengeInProgress() {
    RacingChallenges racing = new RacingChallenges(h.challenges);
    ConnectGarminAccount connect = connectWith(racing);
    ChallengeId id = openChallenge(connect);
    // the other request claims the challenge right after this one has read it
    racing.afterNextFind =
        c -> h.challenges.beginAttempt(c, h.clock.instant(), h.clock.instant().plusSeconds(30));

    assertThatThrownBy(() -> connect.completeMfa(new CompleteMfaCommand(USER, id, "123456")))
        .isInstanceOfSatisfying(
            ChallengeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_IN_PROGRESS);
              assertThat(e.retryable()).isTrue();
            });
    assertThat(h.challenges.find(id)).isPresent();
  }

  @Test
  void aSubmissionWhoseChallengeWasUsedUpMeanwhileHearsNotFound() {
    RacingChallenges racing = new RacingChallenges(h.challenges);
    ConnectGarminAccount connect = connectWith(racing);
    ChallengeId id = openChallenge(connect);
    racing.afterNextFind = h.challenges::delete;

    assertThatThrownBy(() -> connect.completeMfa(new CompleteMfaCommand(USER, id, "123456")))
        .isInstanceOfSatisfying(
            ChallengeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_NOT_FOUND));
  }

  @Test
  void aSubmissionWhoseRivalFinishedAWrongCodeMeanwhileMayTryAgain() {
    RacingChallenges racing = new RacingChallenges(h.challenges);
    ConnectGarminAccount connect = connectWith(racing);
    ChallengeId id = openChallenge(connect);
    // our claim fails while the rival holds the lock; by our second read it has let go
    racing.afterNextFind =
        c -> h.challenges.beginAttempt(c, h.clock.instant(), h.clock.instant().plusSeconds(30));
    racing.beforeSecondFind = c -> h.challenges.endAttempt(c, true);

    assertThatThrownBy(() -> connect.completeMfa(new CompleteMfaCommand(USER, id, "123456")))
        .isInstanceOfSatisfying(
            ChallengeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_IN_PROGRESS));
  }

  private ChallengeId openChallenge(ConnectGarminAccount connect) {
    h.garmin.signInAnswers(new SignInOutcome.MfaRequired(MfaMethod.EMAIL, Secret.of("state")));
    return ((LoginResult.MfaRequired)
            connect.login(LoginCommand.of(USER.value(), "runner@example.com", "pw")))
        .challengeId();
  }

  private ConnectGarminAccount connectWith(ChallengeRepository challenges) {
    return new UseCases(
            h.connections,
            challenges,
            h.garmin,
            Optional.empty(),
            h.events,
            AuthPolicy.defaults(),
            h.clock,
            h.sleeper)
        .connect();
  }

  /** Lets a test act as another request between this request's steps. */
  private static final class RacingChallenges implements ChallengeRepository {
    private final ChallengeRepository delegate;
    Consumer<ChallengeId> afterNextFind = c -> {};
    Consumer<ChallengeId> beforeSecondFind = c -> {};
    private int finds;

    RacingChallenges(ChallengeRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public void save(MfaChallenge challenge) {
      delegate.save(challenge);
    }

    @Override
    public Optional<MfaChallenge> find(ChallengeId id) {
      finds++;
      if (finds == 2) {
        beforeSecondFind.accept(id);
      }
      Optional<MfaChallenge> found = delegate.find(id);
      if (finds == 1) {
        afterNextFind.accept(id);
      }
      return found;
    }

    @Override
    public Optional<MfaChallenge> beginAttempt(ChallengeId id, Instant now, Instant lockedUntil) {
      return delegate.beginAttempt(id, now, lockedUntil);
    }

    @Override
    public void endAttempt(ChallengeId id, boolean countAttempt) {
      delegate.endAttempt(id, countAttempt);
    }

    @Override
    public boolean delete(ChallengeId id) {
      return delegate.delete(id);
    }

    @Override
    public int deleteAllFor(UserId userId) {
      return delegate.deleteAllFor(userId);
    }

    @Override
    public int deleteExpired(Instant now) {
      return delegate.deleteExpired(now);
    }
  }
}
