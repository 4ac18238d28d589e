package com.fittrack.garminauth.core.domain;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An MFA challenge could not be completed: {@code challenge_not_found}, {@code challenge_expired},
 * {@code challenge_in_progress} or {@code invalid_mfa_code} (the latter with the attempts left).
 */
public final class ChallengeException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private static final Set<ErrorCode> CODES =
      EnumSet.of(
          ErrorCode.CHALLENGE_NOT_FOUND,
          ErrorCode.CHALLENGE_EXPIRED,
          ErrorCode.CHALLENGE_IN_PROGRESS,
          ErrorCode.INVALID_MFA_CODE);

  private final Integer attemptsLeft;

  public ChallengeException(ErrorCode code, String safeMessage) {
    this(code, safeMessage, null);
  }

  private ChallengeException(ErrorCode code, String safeMessage, Integer attemptsLeft) {
    super(checked(code), safeMessage, null);
    this.attemptsLeft = attemptsLeft;
  }

  /** A wrong code; {@code attemptsLeft} more codes may be tried on the same challenge. */
  public static ChallengeException invalidCode(int attemptsLeft) {
    return new ChallengeException(
        ErrorCode.INVALID_MFA_CODE,
        "the MFA code was not accepted; " + attemptsLeft + " attempt(s) left",
        attemptsLeft);
  }

  /** For {@code invalid_mfa_code}: how many more codes may be tried, when known. */
  public OptionalInt attemptsLeft() {
    return attemptsLeft == null ? OptionalInt.empty() : OptionalInt.of(attemptsLeft);
  }

  private static ErrorCode checked(ErrorCode code) {
    if (!CODES.contains(code)) {
      throw new IllegalArgumentException("not a challenge code: " + code);
    }
    return code;
  }
}
