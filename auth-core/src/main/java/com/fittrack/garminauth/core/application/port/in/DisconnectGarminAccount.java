package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.UserId;

/** Forget a user's Garmin session: the stored row, its secrets and pending challenges go. */
public interface DisconnectGarminAccount {
  /** Returns whether there was a connection to delete. */
  boolean disconnect(UserId userId);
}
