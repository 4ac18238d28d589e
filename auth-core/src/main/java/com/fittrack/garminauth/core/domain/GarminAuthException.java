package com.fittrack.garminauth.core.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of every failure garmin-auth reports. It carries a machine-readable {@link ErrorCode}
 * and a message that is safe to show to a caller: no secret is ever part of it. A cause, when
 * present, is kept for logs of the exception type only; adapters must not attach causes whose
 * message carries a secret.
 *
 * <pre>{@code
 * try {
 *   auth.login(LoginCommand.of("user-42", email, password));
 * } catch (GarminAuthException e) {
 *   String code = e.code().wireName(); // "invalid_credentials", "rate_limited", ...
 *   if (e.retryable()) {
 *     retryLater(e.retryAfter());      // Optional<Duration>
 *   }
 * }
 * }</pre>
 */
public abstract sealed class GarminAuthException extends RuntimeException
    permits ValidationException,
        SignInRejectedException,
        ChallengeException,
        ReauthRequiredException,
        NotConnectedException,
        GarminUnavailableException,
        GarminProtocolException,
        StorageException {

  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  protected GarminAuthException(ErrorCode code, String safeMessage, Throwable cause) {
    super(safeMessage, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }

  /** Whether retrying the same call later may succeed. */
  public boolean retryable() {
    return code.retryable();
  }

  /** How long the caller should wait before retrying, when the remote side said so. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
