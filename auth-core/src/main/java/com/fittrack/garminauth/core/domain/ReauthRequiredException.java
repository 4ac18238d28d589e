package com.fittrack.garminauth.core.domain;

/**
 * Garmin definitely rejected the stored session (for example {@code invalid_grant} on refresh); the
 * user must sign in again. Code {@code reauth_required}; {@link #reason()} says why.
 */
public final class ReauthRequiredException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public ReauthRequiredException(String reason, String safeMessage) {
    super(ErrorCode.REAUTH_REQUIRED, safeMessage, null);
    this.reason = reason;
  }

  /**
   * A short machine-readable reason, e.g. {@code invalid_grant} or {@code refresh_token_reused}.
   */
  public String reason() {
    return reason;
  }
}
