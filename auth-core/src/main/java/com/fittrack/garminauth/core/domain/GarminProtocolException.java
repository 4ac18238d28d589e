package com.fittrack.garminauth.core.domain;

/**
 * Garmin answered with something the client does not understand (an unexpected page, a missing
 * field, a wrong type). Code {@code garmin_protocol_error}. The message says what was expected,
 * never what the body held.
 */
public final class GarminProtocolException extends GarminAuthException {
  private static final long serialVersionUID = 1L;

  public GarminProtocolException(String safeMessage) {
    super(ErrorCode.GARMIN_PROTOCOL_ERROR, safeMessage, null);
  }
}
