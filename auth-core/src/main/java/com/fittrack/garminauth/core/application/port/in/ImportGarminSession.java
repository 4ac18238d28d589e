package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.UserId;

/**
 * Adopt a session the user already has (a garth or python-garminconnect token file, parsed by the
 * Garmin client's {@code GarminSessionFiles}) instead of signing in again.
 */
public interface ImportGarminSession {

  /**
   * Stores the credentials as the user's connection (replacing any previous one). Fails with {@code
   * validation_failed} when the session has already expired.
   */
  ConnectionSummary importSession(UserId userId, GarminCredentials credentials);
}
