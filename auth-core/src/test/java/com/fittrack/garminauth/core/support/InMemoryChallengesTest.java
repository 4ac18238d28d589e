package com.fittrack.garminauth.core.support;

import static com.fittrack.garminauth.core.support.CoreHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The double the MFA tests rely on must itself keep the port's rules. */
class InMemoryChallengesTest {
  private static final Instant LOCK = START.plusSeconds(60);

  private final InMemoryChallenges repo = new InMemoryChallenges();
  private final MfaChallenge challenge =
      MfaChallenge.open(
          UserId.of("u"), MfaMethod.EMAIL, Secret.of("s"), 2, START, START.plusSeconds(600));

  @Test
  void oneAttemptAtATimeUntilTheLockEndsOrTheAttemptEnds() {
    repo.save(challenge);

    assertThat(repo.beginAttempt(challenge.id(), START, LOCK))
        .get()
        .extracting(MfaChallenge::attempts)
        .isEqualTo(1);
    assertThat(repo.beginAttempt(challenge.id(), START, LOCK)).isEmpty();
    assertThat(repo.beginAttempt(challenge.id(), LOCK, LOCK.plusSeconds(60))).isPresent();
    assertThat(repo.find(challenge.id()).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void anUncountedAttemptIsGivenBackAndACountedOneUsesTheChallengeUp() {
    repo.save(challenge);
    repo.beginAttempt(challenge.id(), START, LOCK);
    repo.endAttempt(challenge.id(), false);
    assertThat(repo.find(challenge.id()).orElseThrow().attempts()).isZero();

    for (int i = 0; i < 2; i++) {
      repo.beginAttempt(challenge.id(), START, LOCK);
      repo.endAttempt(challenge.id(), true);
    }
    assertThat(repo.beginAttempt(challenge.id(), START, LOCK)).as("exhausted").isEmpty();
  }

  @Test
  void expiredChallengesCannotBeAttemptedAndArePurged() {
    repo.save(challenge);

    assertThat(repo.beginAttempt(challenge.id(), challenge.expiresAt(), LOCK)).isEmpty();
    assertThat(repo.deleteExpired(challenge.expiresAt().minusSeconds(1))).isZero();
    assertThat(repo.deleteExpired(challenge.expiresAt())).isEqualTo(1);
    assertThat(repo.find(challenge.id())).isEmpty();
  }
}
