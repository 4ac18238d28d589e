package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Garmin could not be asked right now: {@code garmin_unavailable} (timeouts, 5xx, I/O) or {@code
 * rate_limited} (429, bot challenge), the latter with the wait Garmin asked for. Always retryable;
 * never a reason to drop a stored session.
 */
public final class GarminUnavailableException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private static final Set<ErrorCode> CODES =
      EnumSet.of(ErrorCode.GARMIN_UNAVAILABLE, ErrorCode.RATE_LIMITED);
  private final Duration retryAfter;

  public GarminUnavailableException(ErrorCode code, String safeMessage, Duration retryAfter) {
    this(code, safeMessage, retryAfter, null);
  }

  public GarminUnavailableException(
      ErrorCode code, String safeMessage, Duration retryAfter, Throwable cause) {
    super(checked(code), safeMessage, cause);
    this.retryAfter = retryAfter;
  }

  public static GarminUnavailableException unavailable(String safeMessage, Throwable cause) {
    return new GarminUnavailableException(ErrorCode.GARMIN_UNAVAILABLE, safeMessage, null, cause);
  }

  public static GarminUnavailableException rateLimited(String safeMessage, Duration retryAfter) {
    return new GarminUnavailableException(ErrorCode.RATE_LIMITED, safeMessage, retryAfter, null);
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static ErrorCode checked(ErrorCode code) {
    if (!CODES.contains(code)) {
      throw new IllegalArgumentException("not an availability code: " + code);
    }
    return code;
  }
}
