package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finish a sign-in that met MFA: the challenge from {@link LoginResult.MfaRequired} and the 4-10
 * digit code the user received. {@link #toString()} hides the code.
 */
public record CompleteMfaCommand(UserId userId, ChallengeId challengeId, String code) {
  private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");

  public CompleteMfaCommand {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(challengeId, "challengeId");
    if (code == null || !CODE.matcher(code).matches()) {
      throw new ValidationException("code", "must be 4-10 digits");
    }
  }

  /** Validates raw input and builds the command. */
  public static CompleteMfaCommand of(String userId, String challengeId, String code) {
    UserId user = UserId.of(userId);
    if (challengeId == null) {
      throw new ValidationException("challengeId", "is required");
    }
    return new CompleteMfaCommand(user, ChallengeId.of(challengeId), code);
  }

  @Override
  public String toString() {
    return "CompleteMfaCommand[userId=" + userId + ", challengeId=" + challengeId + ", code=***]";
  }
}
