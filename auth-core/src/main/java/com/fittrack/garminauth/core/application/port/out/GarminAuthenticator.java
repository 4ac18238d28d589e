package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.GarminCredentials;
import com.fittrack.garminauth.core.domain.GarminIdentity;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.Optional;

/**
 * Talks to Garmin's sign-in and token services. Implementations hold no per-user state: everything
 * needed to continue a sign-in travels in the returned resume state.
 *
 * <p>Errors are {@code GarminAuthException}s: {@code SignInRejectedException} (wrong password,
 * locked account), {@code ChallengeException} with {@code invalid_mfa_code} (the resume state stays
 * usable), {@code ReauthRequiredException} (refresh definitely rejected), {@code
 * GarminUnavailableException} (timeouts, 5xx, 429; retryable) and {@code GarminProtocolException}.
 */
public interface GarminAuthenticator {

  /** Signs in with email and password; ends signed in, or waiting for an MFA code. */
  SignInOutcome signIn(String email, Secret password);

  /** Finishes a sign-in that met MFA, from the state {@link SignInOutcome.MfaRequired} carried. */
  SignInOutcome.SignedIn completeMfa(MfaMethod method, Secret resumeState, String code);

  /**
   * Asks Garmin for new tokens. For DI credentials the answer may carry a new refresh token; the
   * old one must then be treated as spent.
   */
  GarminCredentials refresh(GarminCredentials current);

  /** Looks up who the credentials belong to; empty when Garmin does not say (never fails). */
  Optional<GarminIdentity> identify(GarminCredentials credentials);
}
