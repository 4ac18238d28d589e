package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaChallenge;
import com.fittrack.garminauth.core.domain.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where pending MFA challenges live, shared by every process, so that the code can be submitted to
 * a different instance than the one that started the sign-in. Each method is atomic.
 */
public interface ChallengeRepository {

  /** Stores a new challenge. */
  void save(MfaChallenge challenge);

  Optional<MfaChallenge> find(ChallengeId id);

  /**
   * Takes the right to verify one code: atomically, if the challenge exists, is not expired at
   * {@code now}, has attempts left and no other attempt is in progress, increments its attempts,
   * locks it until {@code lockedUntil} and returns it. Otherwise returns empty and changes nothing
   * (the caller reads the challenge again to say why). Of two concurrent callers, one wins.
   */
  Optional<MfaChallenge> beginAttempt(ChallengeId id, Instant now, Instant lockedUntil);

  /**
   * Ends an attempt that did not complete the challenge (wrong code, or Garmin unavailable): clears
   * the lock; when {@code countAttempt} is false the attempt is given back.
   */
  void endAttempt(ChallengeId id, boolean countAttempt);

  /** Removes the challenge (used up, or abandoned). Returns whether it was there. */
  boolean delete(ChallengeId id);

  /** Removes every challenge of the user (on disconnect). Returns how many. */
  int deleteAllFor(UserId userId);

  /** Removes challenges that expired before {@code now}. Returns how many. */
  int deleteExpired(Instant now);
}
