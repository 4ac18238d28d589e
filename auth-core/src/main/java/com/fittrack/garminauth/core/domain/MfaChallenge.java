package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in waiting for its MFA code. Persisted, so that the code can be submitted to any process.
 * {@code resumeState} is the Garmin adapter's opaque state (cookies and flow parameters); it is a
 * secret and is stored sealed. A challenge is single use and allows {@code maxAttempts} codes.
 *
 * <p>{@code attemptLockedUntil} is set while one request is verifying a code, so that two
 * concurrent submissions cannot both reach Garmin; it expires by itself if that request dies.
 */
public record MfaChallenge(
    ChallengeId id,
    UserId userId,
    MfaMethod method,
    Secret resumeState,
    int attempts,
    int maxAttempts,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> attemptLockedUntil) {

  public MfaChallenge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(resumeState, "resumeState");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(attemptLockedUntil, "attemptLockedUntil");
    createdAt = Timestamps.micros(createdAt);
    expiresAt = Timestamps.micros(expiresAt);
    attemptLockedUntil = Timestamps.micros(attemptLockedUntil);
    if (attempts < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 0 and maxAttempts >= 1");
    }
  }

  /** A new challenge, with no attempt made. */
  public static MfaChallenge open(
      UserId userId,
      MfaMethod method,
      Secret resumeState,
      int maxAttempts,
      Instant now,
      Instant expiresAt) {
    return new MfaChallenge(
        ChallengeId.random(),
        userId,
        method,
        resumeState,
        0,
        maxAttempts,
        now,
        expiresAt,
        Optional.empty());
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean attemptsExhausted() {
    return attempts >= maxAttempts;
  }

  /** Whether another request holds the right to verify a code at {@code now}. */
  public boolean attemptInProgress(Instant now) {
    return attemptLockedUntil.map(now::isBefore).orElse(false);
  }

  public int attemptsLeft() {
    return Math.max(0, maxAttempts - attempts);
  }
}
