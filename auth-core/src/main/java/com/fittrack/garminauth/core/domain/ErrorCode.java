package com.fittrack.garminauth.core.domain;

import java.util.Locale;

/**
 * Machine-readable failure codes. Their {@link #wireName()} is what the HTTP API and logs show; it
 * never changes once published.
 */
public enum ErrorCode {
  VALIDATION_FAILED(false),
  INVALID_CREDENTIALS(false),
  INVALID_MFA_CODE(false),
  CHALLENGE_EXPIRED(false),
  CHALLENGE_NOT_FOUND(false),
  /** Another request is verifying a code for the same challenge right now. */
  CHALLENGE_IN_PROGRESS(true),
  ACCOUNT_LOCKED(false),
  RATE_LIMITED(true),
  GARMIN_UNAVAILABLE(true),
  GARMIN_PROTOCOL_ERROR(true),
  REAUTH_REQUIRED(false),
  NOT_CONNECTED(false),
  /** A compare-and-set write met a newer version; re-read and decide again. */
  CONCURRENT_UPDATE(true),
  /** The database could not be reached or failed; nothing was changed. */
  STORAGE_UNAVAILABLE(true),
  /** A stored sealed value could not be opened (tampered, or encrypted with an unknown key). */
  STORED_VALUE_UNREADABLE(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether the same call may succeed later without anything changing on the caller's side. */
  public boolean retryable() {
    return retryable;
  }

  /** The lower-case name used on the wire, e.g. {@code invalid_mfa_code}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
