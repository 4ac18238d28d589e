package com.fittrack.garminauth.core.domain;

/**
 * Input was malformed; nothing was changed and no port was called. Code {@code validation_failed}.
 */
public final class ValidationException extends GarminAuthException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ValidationException(String field, String safeMessage) {
    super(ErrorCode.VALIDATION_FAILED, field + ": " + safeMessage, null);
    this.field = field;
  }

  /** The name of the offending field, e.g. {@code userId}. */
  public String field() {
    return field;
  }
}
