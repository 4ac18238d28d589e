package com.fittrack.garminauth.core.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The id of an MFA challenge: 256 random bits, base64url without padding. Unguessable, so knowing
 * it is part of what proves a request continues the sign-in that created it.
 */
public record ChallengeId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public ChallengeId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new ValidationException("challengeId", "is not a challenge id");
    }
  }

  public static ChallengeId of(String value) {
    return new ChallengeId(value);
  }

  /** A fresh random id. */
  public static ChallengeId random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ChallengeId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  @Override
  public String toString() {
    return value;
  }
}
