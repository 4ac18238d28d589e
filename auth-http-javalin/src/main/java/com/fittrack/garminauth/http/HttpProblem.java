package com.fittrack.garminauth.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the HTTP layer finds by itself, before any use case runs: no or bad API key, missing
 * scope, body too large, wrong content type, too many sign-ins from one address, unknown route.
 * Failures of the use cases stay {@code GarminAuthException}s and are mapped by {@link
 * ProblemMapper}.
 */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  public HttpProblem(int status, String code, String safeMessage) {
    this(status, code, safeMessage, null);
  }

  private HttpProblem(int status, String code, String safeMessage, Duration retryAfter) {
    super(safeMessage, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public static HttpProblem unauthorized() {
    return new HttpProblem(
        401, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)");
  }

  public static HttpProblem forbidden(Scope missing) {
    return new HttpProblem(403, "forbidden", "this API key lacks the scope " + missing.wireName());
  }

  public static HttpProblem payloadTooLarge(int limitBytes) {
    return new HttpProblem(
        413, "payload_too_large", "the request body exceeds " + limitBytes + " bytes");
  }

  public static HttpProblem unsupportedMediaType() {
    return new HttpProblem(
        415, "unsupported_media_type", "the request body must be sent as application/json");
  }

  public static HttpProblem rateLimited(Duration retryAfter) {
    return new HttpProblem(
        429, "rate_limited", "too many sign-in attempts from this address", retryAfter);
  }

  /** A caller has {@code limit} Garmin calls running for one user already. */
  public static HttpProblem tooManyConcurrentCalls(int limit) {
    return new HttpProblem(
        429,
        "too_many_concurrent_calls",
        "this user already has " + limit + " Garmin calls running; retry when one has finished",
        java.time.Duration.ofSeconds(1));
  }

  /**
   * Garmin answered 401 to a proxied call, even after a refresh (or the call could not be resent).
   */
  public static HttpProblem garminRejectedToken() {
    return new HttpProblem(
        401,
        "garmin_rejected_token",
        "Garmin refused the user's token for this call, after one refresh where the call could be"
            + " sent again");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
