package com.fittrack.garminauth.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A garth-era OAuth1 token (lives about a year), with the MFA token Garmin attaches after an MFA
 * sign-in, and the domain ({@code garmin.com} or {@code garmin.cn}) it was issued by.
 */
public record OAuth1Token(
    Secret token,
    Secret tokenSecret,
    Optional<Secret> mfaToken,
    Optional<Instant> mfaExpiresAt,
    String domain) {

  public OAuth1Token {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
    Objects.requireNonNull(mfaToken, "mfaToken");
    Objects.requireNonNull(mfaExpiresAt, "mfaExpiresAt");
    mfaExpiresAt = Timestamps.micros(mfaExpiresAt);
    Objects.requireNonNull(domain, "domain");
    if (!domain.equals("garmin.com") && !domain.equals("garmin.cn")) {
      throw new ValidationException("domain", "must be garmin.com or garmin.cn");
    }
  }
}
