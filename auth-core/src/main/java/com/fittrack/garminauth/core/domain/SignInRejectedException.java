package com.fittrack.garminauth.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Garmin definitely refused the sign-in: {@code invalid_credentials} or {@code account_locked}.
 * Never retried automatically: retrying a credential error makes lockouts worse.
 */
public final class SignInRejectedException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private static final Set<ErrorCode> CODES =
      EnumSet.of(ErrorCode.INVALID_CREDENTIALS, ErrorCode.ACCOUNT_LOCKED);

  public SignInRejectedException(ErrorCode code, String safeMessage) {
    super(checked(code), safeMessage, null);
  }

  private static ErrorCode checked(ErrorCode code) {
    if (!CODES.contains(code)) {
      throw new IllegalArgumentException("not a sign-in rejection code: " + code);
    }
    return code;
  }
}
