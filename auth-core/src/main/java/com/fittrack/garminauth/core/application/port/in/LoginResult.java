package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaMethod;
import java.time.Instant;

/** How {@link ConnectGarminAccount#login} ended. */
public sealed interface LoginResult {

  /** The session is stored; tokens can be requested from now on. */
  record Connected(ConnectionSummary connection) implements LoginResult {}

  /** Garmin sent a code by {@code method}; submit it with {@code challengeId} before expiry. */
  record MfaRequired(ChallengeId challengeId, MfaMethod method, Instant expiresAt)
      implements LoginResult {}
}
