package com.fittrack.garminauth.core.domain;

/** Where a user's Garmin connection stands. */
public enum ConnectionStatus {
  /** Credentials are stored and Garmin is expected to honour them. */
  CONNECTED,
  /** Garmin definitely rejected the stored session; the user must sign in again. */
  REAUTH_REQUIRED,
  /** The user disconnected; reported in events, never stored (disconnect deletes the row). */
  DISCONNECTED
}
