package com.fittrack.garminauth.core.domain;

/** The user has no Garmin connection. Code {@code not_connected}. */
public final class NotConnectedException extends GarminAuthException {
  private static final long serialVersionUID = 1L;

  public NotConnectedException(UserId userId) {
    super(ErrorCode.NOT_CONNECTED, "no Garmin connection for user " + userId.value(), null);
  }
}
