package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
import java.util.Objects;

/**
 * Turns a strategy's service ticket into a session and checks it with the API before anyone is told
 * about it: since mid-2026 the API refuses, for some accounts, tokens issued for one flow's service
 * ("Token is not active"). A refused session means that strategy failed, and the manager tries the
 * next one; the user is never reported connected with a token the API refuses.
 */
@FunctionalInterface
public interface SessionCheck {

  Checked check(String strategy, StrategyResult.Ticket ticket);

  /** What the check found. */
  sealed interface Checked {}

  /** The API accepts the new session. */
  record Accepted(SignInOutcome.SignedIn signedIn) implements Checked {
    public Accepted {
      Objects.requireNonNull(signedIn, "signedIn");
    }
  }

  /** The API refused the new session (HTTP 401 or 403); {@code why} is safe to show. */
  record Refused(String why) implements Checked {
    public Refused {
      Objects.requireNonNull(why, "why");
    }
  }
}
