package com.fittrack.garminauth.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** What happened to a connection, as FitTrack hears it in the feed and in webhooks. */
public enum ConnectionEventType {
  /** A sign-in stored a new session (first time or again). */
  CONNECTED("connection.connected"),
  /** An existing garth / python-garminconnect session was imported. */
  IMPORTED("connection.imported"),
  /** A refresh succeeded after {@link #REFRESH_FAILING} was reported: the session is healthy. */
  REFRESHED("connection.refreshed"),
  /** Refreshes have failed for a passing reason for longer than the threshold; session kept. */
  REFRESH_FAILING("connection.refresh_failing"),
  /** Garmin definitely rejected the session; the user must sign in again. */
  REAUTH_REQUIRED("connection.reauth_required"),
  /** The connection and its secrets were deleted. */
  DISCONNECTED("connection.disconnected");

  private final String wireName;

  ConnectionEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in payloads, e.g. {@code connection.reauth_required}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<ConnectionEventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
