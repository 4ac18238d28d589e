package com.fittrack.garminauth.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MfaChallengeTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private static final UserId USER = UserId.of("user-1");

  @Test
  void aNewChallengeHasAllItsAttemptsAndExpiresAtItsDeadline() {
    MfaChallenge c =
        MfaChallenge.open(USER, MfaMethod.EMAIL, Secret.of("s"), 3, T, T.plusSeconds(600));

    assertThat(c.attempts()).isZero();
    assertThat(c.attemptsLeft()).isEqualTo(3);
    assertThat(c.attemptsExhausted()).isFalse();
    assertThat(c.isExpired(T.plusSeconds(599))).isFalse();
    assertThat(c.isExpired(T.plusSeconds(600))).isTrue();
    assertThat(c.attemptInProgress(T)).isFalse();
  }

  @Test
  void anAttemptIsInProgressOnlyUntilItsLockRunsOut() {
    MfaChallenge c =
        new MfaChallenge(
            ChallengeId.random(),
            USER,
            MfaMethod.SMS,
            Secret.of("s"),
            3,
            3,
            T,
            T.plusSeconds(600),
            Optional.of(T.plusSeconds(60)));

    assertThat(c.attemptInProgress(T.plusSeconds(59))).isTrue();
    assertThat(c.attemptInProgress(T.plusSeconds(60))).isFalse();
    assertThat(c.attemptsExhausted()).isTrue();
    assertThat(c.attemptsLeft()).isZero();
  }

  @Test
  void rejectsImpossibleAttemptCounts() {
    assertThatThrownBy(() -> MfaChallenge.open(USER, MfaMethod.SMS, Secret.of("s"), 0, T, T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
