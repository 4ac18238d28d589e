package com.fittrack.garminauth.core.application.port.out;

import java.time.Instant;

/**
 * Counts sign-in attempts in fixed windows, shared by every process, so that a user's Garmin
 * account is not locked by repeated attempts through several instances.
 */
public interface LoginAttemptStore {

  /**
   * Atomically adds one attempt for {@code key} to the window that starts at {@code windowStart}
   * and returns the window's count including this attempt. Counts of older windows may be purged.
   */
  long recordAttempt(String key, Instant windowStart);
}
