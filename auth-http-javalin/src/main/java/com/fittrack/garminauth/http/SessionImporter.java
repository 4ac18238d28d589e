package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.ConnectionSummary;
import com.fittrack.garminauth.core.domain.UserId;
import java.util.Optional;

/**
 * Imports an existing session file for a user: parses it (garth, python-garminconnect) and stores
 * it through the core. The server wires it from the Garmin client's session-file parser and the
 * core's import use case, so this adapter depends on neither.
 */
@FunctionalInterface
public interface SessionImporter {
  /**
   * Fails with {@code validation_failed} naming the field when the file is malformed or expired.
   */
  ConnectionSummary importSession(UserId userId, Optional<String> format, String data);
}
