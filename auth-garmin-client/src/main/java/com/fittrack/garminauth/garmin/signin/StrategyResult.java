package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import java.util.Map;
import java.util.Objects;

/** How one strategy's attempt ended when Garmin neither refused nor failed. */
public sealed interface StrategyResult {

  /** A CAS service ticket ({@code ST-...}) for {@code service}. */
  record Ticket(Secret ticket, String service) implements StrategyResult {
    public Ticket {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(service, "service");
    }
  }

  /**
   * Garmin wants a code sent by {@code method}; {@code flow} holds what the strategy needs to
   * verify it later (beside the cookies, which the manager keeps).
   */
  record MfaPending(MfaMethod method, Map<String, String> flow) implements StrategyResult {
    public MfaPending {
      Objects.requireNonNull(method, "method");
      flow = Map.copyOf(flow);
    }

    @Override
    public String toString() {
      return "MfaPending[method=" + method + "]"; // the flow may hold a CSRF token
    }
  }
}
