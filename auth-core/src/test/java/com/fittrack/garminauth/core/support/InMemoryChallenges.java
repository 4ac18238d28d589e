package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.port.out.ChallengeRepository;
import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A map-based {@link ChallengeRepository}; one lock makes every method atomic. */
public final class InMemoryChallenges implements ChallengeRepository {
  private final Map<ChallengeId, MfaChallenge> challenges = new HashMap<>();

  @Override
  public synchronized void save(MfaChallenge challenge) {
    challenges.put(challenge.id(), challenge);
  }

  @Override
  public synchronized Optional<MfaChallenge> find(ChallengeId id) {
    return Optional.ofNullable(challenges.get(id));
  }

  @Override
  public synchronized Optional<MfaChallenge> beginAttempt(
      ChallengeId id, Instant now, Instant lockedUntil) {
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
    MfaChallenge c = challenges.get(id);
    if (c != null) {
      int attempts = countAttempt ? c.attempts() : Math.max(0, c.attempts() - 1);
      challenges.put(id, with(c, attempts, Optional.empty()));
    }
  }

  @Override
  public synchronized boolean delete(ChallengeId id) {
    return challenges.remove(id) != null;
  }

  @Override
  public synchronized int deleteAllFor(UserId userId) {
    int before = challenges.size();
    challenges.values().removeIf(c -> c.userId().equals(userId));
    return before - challenges.size();
  }

  @Override
  public synchronized int deleteExpired(Instant now) {
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
