package com.fittrack.garminauth.garmin.session;

import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;

/**
 * Which imported expiries can be Garmin's, judged against the current time. Garmin's longest-lived
 * OAuth2 token is the refresh token (30 days, GARMIN-PROTOCOL.md 2b); its OAuth1 token lives about
 * a year. An expiry further ahead than that (plus a day's margin for clock skew) was not written by
 * Garmin; neither was one in 1969.
 */
final class ImportTimes {
  /** The longest lifetime of a Garmin OAuth2 token (the refresh token, 30 days), plus a day. */
  static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(31);

  /** The OAuth1 token's lifetime (about a year), plus a month. */
  static final Duration MAX_OAUTH1_LIFETIME = Duration.ofDays(400);

  private final Instant now;

  ImportTimes(Instant now) {
    this.now = now;
  }

  /** A token that must still be valid now: after now, and not beyond the longest lifetime. */
  void requireCurrent(String field, Instant expiry) {
    if (!expiry.isAfter(now)) {
      throw new ValidationException(field, "is in the past: the token has expired");
    }
    requireNotBeyond(field, expiry, MAX_TOKEN_LIFETIME);
  }

  /**
   * An access token that may have expired (a legacy session renews it with its OAuth1 token), but
   * not before that OAuth1 token could have been issued, nor beyond the longest lifetime.
   */
  void requirePlausible(String field, Instant expiry) {
    if (expiry.isBefore(now.minus(MAX_OAUTH1_LIFETIME))) {
      throw new ValidationException(field, "is too far in the past to be a Garmin token's expiry");
    }
    requireNotBeyond(field, expiry, MAX_TOKEN_LIFETIME);
  }

  void requireNotBeyond(String field, Instant expiry, Duration lifetime) {
    if (expiry.isAfter(now.plus(lifetime))) {
      throw new ValidationException(
          field, "is further ahead than any Garmin token lives (" + lifetime.toDays() + " days)");
    }
  }
}
