package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.domain.ChallengeException;
import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Maps failures to HTTP statuses and problem documents: the status table of the API. */
public final class ProblemMapper {

  /** Status by {@link ErrorCode#wireName()}; documented in docs/openapi.yaml. */
  private static final Map<String, Integer> STATUS_BY_CODE =
      Map.ofEntries(
          Map.entry("validation_failed", 400),
          Map.entry("not_connected", 404),
          Map.entry("challenge_not_found", 404),
          Map.entry("challenge_in_progress", 409),
          Map.entry("reauth_required", 409),
          Map.entry("concurrent_update", 409),
          Map.entry("challenge_expired", 410),
          Map.entry("invalid_credentials", 422),
          Map.entry("invalid_mfa_code", 422),
          Map.entry("account_locked", 423),
          Map.entry("rate_limited", 429),
          Map.entry("stored_value_unreadable", 500),
          Map.entry("garmin_protocol_error", 502),
          Map.entry("garmin_unavailable", 503),
          Map.entry("storage_unavailable", 503));

  private ProblemMapper() {}

  /** The HTTP status for a core error code. */
  public static int statusOf(ErrorCode code) {
    Integer status = STATUS_BY_CODE.get(code.wireName());
    if (status == null) {
      // a code added to the core later must still produce an answer, not a 200 or a crash
      return code.retryable() ? 503 : 500;
    }
    return status;
  }

  /**
   * Like {@link #of(GarminAuthException, String)}, but an unreadable stored value is described by
   * its code and user only: the exception's message names tables, columns and key ids, which go to
   * the log and not to callers.
   */
  static Problem of(GarminAuthException e, String instance, String userId) {
    Problem p = of(e, instance);
    if (e.code() != ErrorCode.STORED_VALUE_UNREADABLE) {
      return p;
    }
    String detail =
        userId == null
            ? "a stored value cannot be opened with the configured keys; see the server log"
            : "a stored value of user "
                + userId
                + " cannot be opened with the configured keys; see the server log";
    return new Problem(
        p.type(),
        p.title(),
        p.status(),
        detail,
        instance,
        p.code(),
        p.retryable(),
        null,
        null,
        null);
  }

  static Problem of(GarminAuthException e, String instance) {
    ErrorCode code = e.code();
    int status = statusOf(code);
    String field = e instanceof ValidationException v ? v.field() : null;
    Integer attemptsLeft = null;
    if (e instanceof ChallengeException c && c.attemptsLeft().isPresent()) {
      attemptsLeft = c.attemptsLeft().getAsInt();
    }
    return new Problem(
        Problem.typeFor(code.wireName()),
        title(status),
        status,
        e.getMessage(),
        instance,
        code.wireName(),
        e.retryable(),
        field,
        attemptsLeft,
        seconds(e.retryAfter()));
  }

  static Problem of(HttpProblem e, String instance) {
    return new Problem(
        Problem.typeFor(e.code()),
        title(e.status()),
        e.status(),
        e.getMessage(),
        instance,
        e.code(),
        e.status() == 429,
        null,
        null,
        seconds(e.retryAfter()));
  }

  static Problem validation(String field, String message, String instance) {
    return new Problem(
        Problem.typeFor("validation_failed"),
        title(400),
        400,
        field + ": " + message,
        instance,
        "validation_failed",
        false,
        field,
        null,
        null);
  }

  static Problem internal(String instance) {
    return new Problem(
        Problem.typeFor("internal_error"),
        title(500),
        500,
        "the server failed to handle the request; see the server log",
        instance,
        "internal_error",
        true,
        null,
        null,
        null);
  }

  static Problem generic(int status, String code, String message, String instance) {
    return new Problem(
        Problem.typeFor(code),
        title(status),
        status,
        message,
        instance,
        code,
        false,
        null,
        null,
        null);
  }

  private static Long seconds(Optional<Duration> d) {
    // round up: retrying a little late is fine, retrying early meets the limit again
    return d.map(x -> Math.max(1, (x.toMillis() + 999) / 1000)).orElse(null);
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 423 -> "Locked";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
