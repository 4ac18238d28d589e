package com.fittrack.garminauth.testkit.memory;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.StorageException;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChallengeRepository} in memory that follows the same contract as the database adapters:
 * taking an attempt is atomic, so of two concurrent code submissions exactly one proceeds.
 */
public final class InMemoryChallengeRepository implements ChallengeRepository {
  private final Map<ChallengeId, MfaChallenge> challenges = new HashMap<>();

  public InMemoryChallengeRepository() {}

  @Override
  public synchronized void save(MfaChallenge challenge) {
    Objects.requireNonNull(challenge, "challenge");
    if (challenges.putIfAbsent(challenge.id(), challenge) != null) {
      throw StorageException.concurrentUpdate("a challenge with this id already exists");
    }
  }

  @Override
  public synchronized Optional<MfaChallenge> find(ChallengeId id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(challenges.get(id));
  }

  @Override
  public synchronized Optional<MfaChallenge> beginAttempt(
      ChallengeId id, Instant now, Instant lockedUntil) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    MfaChallenge c = challenges.get(id);
    if (c == null || c.isExpired(now) || c.attemptsExhausted() || c.attemptInProgress(now)) {
      return Optional.empty();
    }
    MfaChallenge taken = with(c, c.attempts() + 1, Optional.of(lockedUntil));
    challenges.put(id, taken);
    return Optional.of(taken);
  }

  @Override
  public synchronized void endAttempt(ChallengeId id, boolean countAttempt) {
    Objects.requireNonNull(id, "id");
    MfaChallenge c = challenges.get(id);
    if (c != null) {
      int attempts = countAttempt ? c.attempts() : Math.max(0, c.attempts() - 1);
      challenges.put(id, with(c, attempts, Optional.empty()));
    }
  }

  @Override
  public synchronized boolean delete(ChallengeId id) {
    Objects.requireNonNull(id, "id");
    return challenges.remove(id) != null;
  }

  @Override
  public synchronized int deleteAllFor(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    int before = challenges.size();
    challenges.values().removeIf(c -> c.userId().equals(userId));
    return before - challenges.size();
  }

  @Override
  public synchronized int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int before = challenges.size();
    challenges.values().removeIf(c -> c.isExpired(now));
    return before - challenges.size();
  }

  private static MfaChallenge with(MfaChallenge c, int attempts, Optional<Instant> lockedUntil) {
    return new MfaChallenge(
        c.id(),
        c.userId(),
        c.method(),
        c.resumeState(),
        attempts,
        c.maxAttempts(),
        c.createdAt(),
        c.expiresAt(),
        lockedUntil);
  }
}
