package com.fittrack.garminauth.testkit.contract;

import static com.fittrack.garminauth.testkit.contract.SampleSessions.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ChallengeRepository}: attempts are taken atomically (one at a time, only
 * while the challenge is open and has attempts left), given back on request, and a challenge is
 * deleted once. Extend it and return an empty repository from {@link #newRepository()}.
 */
public abstract class ChallengeRepositoryContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
  private static final AtomicInteger USERS = new AtomicInteger();

  protected ChallengeRepository repository;

  /** A repository with no challenges in it. */
  protected abstract ChallengeRepository newRepository();

  @BeforeEach
  void createRepository() {
    repository = newRepository();
  }

  protected static UserId newUser() {
    return UserId.of("mfa-user-" + USERS.incrementAndGet());
  }

  private MfaChallenge saved(UserId user, int maxAttempts) {
    MfaChallenge c = challenge(user, T0, T0.plusSeconds(600), maxAttempts);
    repository.save(c);
    return c;
  }

  @Test
  void findsASavedChallengeWithEveryFieldAndNothingForAnUnknownId() {
    MfaChallenge c = saved(newUser(), 5);

    assertThat(repository.find(c.id())).contains(c);
    assertThat(repository.find(ChallengeId.random())).isEmpty();
  }

  @Test
  void beginningAnAttemptCountsItAndLocksTheChallenge() {
    MfaChallenge c = saved(newUser(), 5);

    Optional<MfaChallenge> taken = repository.beginAttempt(c.id(), T0, T0.plusSeconds(60));

    assertThat(taken).isPresent();
    assertThat(taken.get().attempts()).isEqualTo(1);
    assertThat(taken.get().attemptLockedUntil()).contains(T0.plusSeconds(60));
    assertThat(repository.find(c.id())).isEqualTo(taken);
  }

  @Test
  void aSecondAttemptWaitsUntilTheFirstEndsOrItsLockRunsOut() {
    MfaChallenge c = saved(newUser(), 5);
    repository.beginAttempt(c.id(), T0, T0.plusSeconds(60));

    assertThat(repository.beginAttempt(c.id(), T0.plusSeconds(59), T0.plusSeconds(120))).isEmpty();
    assertThat(repository.find(c.id()).orElseThrow().attempts()).isEqualTo(1);

    Optional<MfaChallenge> afterLock =
        repository.beginAttempt(c.id(), T0.plusSeconds(60), T0.plusSeconds(120));
    assertThat(afterLock).map(MfaChallenge::attempts).contains(2);
  }

  @Test
  void endingAnAttemptUnlocksAndKeepsOrGivesBackTheAttempt() {
    MfaChallenge c = saved(newUser(), 5);
    repository.beginAttempt(c.id(), T0, T0.plusSeconds(60));
    repository.endAttempt(c.id(), true);

    MfaChallenge counted = repository.find(c.id()).orElseThrow();
    assertThat(counted.attempts()).isEqualTo(1);
    assertThat(counted.attemptLockedUntil()).isEmpty();

    repository.beginAttempt(c.id(), T0, T0.plusSeconds(60));
    repository.endAttempt(c.id(), false);

    MfaChallenge givenBack = repository.find(c.id()).orElseThrow();
    assertThat(givenBack.attempts()).isEqualTo(1);
    assertThat(givenBack.attemptLockedUntil()).isEmpty();
  }

  @Test
  void noAttemptOnAnExpiredExhaustedOrUnknownChallenge() {
    MfaChallenge expiring = saved(newUser(), 5);
    MfaChallenge single = saved(newUser(), 1);
    repository.beginAttempt(single.id(), T0, T0.plusSeconds(1));
    repository.endAttempt(single.id(), true);

    assertThat(
            repository.beginAttempt(
                expiring.id(), expiring.expiresAt(), expiring.expiresAt().plusSeconds(60)))
        .isEmpty();
    assertThat(repository.find(expiring.id())).contains(expiring);
    assertThat(repository.beginAttempt(single.id(), T0.plusSeconds(2), T0.plusSeconds(60)))
        .isEmpty();
    assertThat(repository.find(single.id()).orElseThrow().attempts()).isEqualTo(1);
    assertThat(repository.beginAttempt(ChallengeId.random(), T0, T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void deleteRemovesOnceAndSaysWhetherItWasThere() {
    MfaChallenge c = saved(newUser(), 5);

    assertThat(repository.delete(c.id())).isTrue();
    assertThat(repository.delete(c.id())).isFalse();
    assertThat(repository.find(c.id())).isEmpty();
  }

  @Test
  void deleteAllForRemovesOnlyThatUsersChallenges() {
    UserId user = newUser();
    saved(user, 5);
    saved(user, 5);
    MfaChallenge other = saved(newUser(), 5);

    assertThat(repository.deleteAllFor(user)).isEqualTo(2);
    assertThat(repository.find(other.id())).contains(other);
  }

  @Test
  void deleteExpiredRemovesOnlyChallengesExpiredAtThatTime() {
    MfaChallenge early = challenge(newUser(), T0, T0.plusSeconds(60), 5);
    MfaChallenge late = challenge(newUser(), T0, T0.plusSeconds(600), 5);
    repository.save(early);
    repository.save(late);

    assertThat(repository.deleteExpired(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(repository.find(early.id())).isEmpty();
    assertThat(repository.find(late.id())).contains(late);
  }

  @Test
  @Tag("integration")
  void ofSixteenConcurrentCodeSubmissionsExactlyOneGetsTheAttempt() {
    MfaChallenge c = saved(newUser(), 5);

    List<Race.Outcome<Optional<MfaChallenge>>> outcomes =
        Race.run(16, racer -> repository.beginAttempt(c.id(), T0, T0.plusSeconds(60)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes).filteredOn(o -> o.value().isPresent()).hasSize(1);
    assertThat(repository.find(c.id()).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  @Tag("integration")
  void twoCorrectCodesAtOnceCompleteTheChallengeOnce() {
    MfaChallenge c = saved(newUser(), 5);

    // Each racer does what the facade does with a correct code: take the attempt, then use the
    // challenge up. Only one may get through.
    List<Race.Outcome<Boolean>> outcomes =
        Race.run(
            2,
            racer ->
                repository.beginAttempt(c.id(), T0, T0.plusSeconds(60)).isPresent()
                    && repository.delete(c.id()));

    assertThat(outcomes).extracting(Race.Outcome::value).containsExactlyInAnyOrder(true, false);
    assertThat(repository.find(c.id())).isEmpty();
  }
}
