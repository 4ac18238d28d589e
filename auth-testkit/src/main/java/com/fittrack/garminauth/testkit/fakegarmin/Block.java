package com.fittrack.garminauth.testkit.fakegarmin;

/** How FakeGarmin refuses a blocked strategy's login post, as the fronts of Garmin do. */
public enum Block {
  /** HTTP 429 with {@code Retry-After} and a Cloudflare rate-limit page. */
  RATE_LIMITED,
  /** HTTP 403 with a Cloudflare challenge page ({@code Just a moment...}, {@code __cf_chl}). */
  CLOUDFLARE,
  /** Garmin's own answer: {@code CAPTCHA_REQUIRED} (JSON flows) or a Cloudflare page (widget). */
  CAPTCHA,
  /** HTTP 429 with Garmin's JSON {@code {"error": {"status-code": "429"}}}. */
  GARMIN_RATE_LIMIT,
  /** HTTP 403 with the plain text {@code error code: 1020} (Cloudflare's firewall rule). */
  ERROR_1020
}
