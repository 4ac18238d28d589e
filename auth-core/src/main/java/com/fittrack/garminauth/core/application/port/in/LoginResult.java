package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.ChallengeId;
import com.fittrack.garminauth.core.domain.MfaMethod;
import java.time.Instant;

/**
 * How {@link ConnectGarminAccount#login} ended: connected, or waiting for the MFA code Garmin sent.
 * A refusal is not a result but a {@link com.fittrack.garminauth.core.domain.GarminAuthException}.
 *
 * <pre>{@code
 * LoginResult result = auth.login(LoginCommand.of("user-42", email, password));
 * if (result instanceof LoginResult.MfaRequired mfa) {
 *   askForCode(mfa.challengeId().value(), mfa.method()); // before mfa.expiresAt()
 * } else if (result instanceof LoginResult.Connected connected) {
 *   show(connected.connection());
 * }
 * // later, in any process: auth.completeMfa(CompleteMfaCommand.of("user-42", challengeId, code))
 * }</pre>
 */
public sealed interface LoginResult {

  /** The session is stored; tokens can be requested from now on. */
  record Connected(ConnectionSummary connection) implements LoginResult {}

  /** Garmin sent a code by {@code method}; submit it with {@code challengeId} before expiry. */
  record MfaRequired(ChallengeId challengeId, MfaMethod method, Instant expiresAt)
      implements LoginResult {}
}
