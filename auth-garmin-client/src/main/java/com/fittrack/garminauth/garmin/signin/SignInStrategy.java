package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.Map;

/**
 * One way of signing in to Garmin SSO. Each ends with a service ticket or an MFA request, and
 * reports problems as typed errors:
 *
 * <ul>
 *   <li>{@code SignInRejectedException}: Garmin refused the credentials; the manager stops.
 *   <li>{@code GarminUnavailableException} (429, Cloudflare, captcha, I/O) and {@code
 *       GarminProtocolException} (an unexpected page): the manager tries the next strategy.
 * </ul>
 *
 * <p>A strategy is stateless: the cookies live in the {@link SignInContext}, and whatever else the
 * MFA step needs is returned in {@link StrategyResult.MfaPending#flow()}.
 */
public interface SignInStrategy {

  /** A stable name, stored in MFA resume states; renaming it breaks pending challenges. */
  String name();

  StrategyResult signIn(SignInContext context, String email, Secret password);

  /**
   * Verifies an MFA code on the cookie session of {@code context}. A wrong code is {@code
   * ChallengeException.invalidCode}, and the same flow and cookies stay usable for another code.
   */
  StrategyResult.Ticket completeMfa(
      SignInContext context, MfaMethod method, Map<String, String> flow, String code);
}
