package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.domain.ErrorCode;
import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.core.domain.GarminProtocolException;
import com.fittrack.garminauth.core.domain.GarminUnavailableException;
import com.fittrack.garminauth.core.domain.MfaMethod;
import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.SignInRejectedException;
import com.fittrack.garminauth.core.domain.ValidationException;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.http.GarminHttp;
import com.fittrack.garminauth.garmin.http.SessionCookieJar;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the configured strategies in order, each with a fresh cookie jar, until one yields a ticket
 * or an MFA request. A credential error stops the chain at once (trying it elsewhere would only add
 * to a lockout); a block, a bot challenge, an unexpected page or an I/O error moves on. When every
 * strategy fails, the error lists what each one saw.
 */
public final class SignInManager {
  private static final Logger log = LoggerFactory.getLogger(SignInManager.class);

  /** How the chain ended when no strategy failed. */
  public sealed interface Result {}

  /** Signed in by {@code strategy}: the ticket still has to be exchanged for tokens. */
  public record Ticketed(String strategy, StrategyResult.Ticket ticket) implements Result {}

  /** Waiting for a code; {@code resumeState} is {@link ResumeState} serialized. */
  public record NeedsMfa(String strategy, MfaMethod method, Secret resumeState) implements Result {}

  private final List<SignInStrategy> order;
  private final Map<String, SignInStrategy> byName = new LinkedHashMap<>();
  private final GarminEndpoints endpoints;
  private final GarminHttp http;
  private final Clock clock;

  /**
   * @param order the strategies to try, in order
   * @param known every strategy whose MFA states this client can finish (a superset of order)
   */
  public SignInManager(
      List<SignInStrategy> order,
      List<SignInStrategy> known,
      GarminEndpoints endpoints,
      GarminHttp http,
      Clock clock) {
    if (order.isEmpty()) {
      throw new IllegalArgumentException("at least one sign-in strategy is needed");
    }
    this.order = List.copyOf(order);
    known.forEach(s -> byName.put(s.name(), s));
    order.forEach(s -> byName.put(s.name(), s));
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.http = http;
    this.clock = clock;
  }

  public Result signIn(String email, Secret password) {
    List<String> seen = new ArrayList<>();
    List<GarminAuthException> failures = new ArrayList<>();
    for (SignInStrategy strategy : order) {
      SessionCookieJar jar = new SessionCookieJar(clock);
      SignInContext ctx =
          new SignInContext(endpoints, http, http.withCookies(jar, endpoints.sso()));
      try {
        StrategyResult result = strategy.signIn(ctx, email, password);
        if (result instanceof StrategyResult.MfaPending mfa) {
          ResumeState state =
              new ResumeState(
                  strategy.name(), endpoints.sso().toString(), mfa.flow(), jar.snapshot());
          log.info("sign-in via {} needs an MFA code by {}", strategy.name(), mfa.method());
          return new NeedsMfa(strategy.name(), mfa.method(), state.encode());
        }
        log.info("sign-in via {} got a service ticket", strategy.name());
        return new Ticketed(strategy.name(), (StrategyResult.Ticket) result);
      } catch (SignInRejectedException e) {
        log.info("sign-in via {} rejected: {}", strategy.name(), e.code().wireName());
        throw e;
      } catch (GarminUnavailableException | GarminProtocolException e) {
        log.warn(
            "sign-in via {} failed ({}): {}", strategy.name(), e.code().wireName(), e.getMessage());
        seen.add(e.getMessage());
        failures.add(e);
      }
    }
    throw allFailed(seen, failures);
  }

  /** Verifies {@code code} on the session a {@link NeedsMfa} state describes. */
  public Ticketed completeMfa(MfaMethod method, Secret resumeState, String code) {
    ResumeState state = ResumeState.decode(resumeState);
    if (!state.sso().equals(endpoints.sso().toString())) {
      throw new ValidationException("resumeState", "was made for another Garmin SSO host");
    }
    SignInStrategy strategy = byName.get(state.strategy());
    if (strategy == null) {
      throw new ValidationException("resumeState", "names a sign-in strategy this client lacks");
    }
    SessionCookieJar jar = new SessionCookieJar(clock, state.cookies());
    SignInContext ctx = new SignInContext(endpoints, http, http.withCookies(jar, endpoints.sso()));
    StrategyResult.Ticket ticket = strategy.completeMfa(ctx, method, state.flow(), code);
    log.info("MFA via {} accepted", strategy.name());
    return new Ticketed(strategy.name(), ticket);
  }

  private static GarminAuthException allFailed(
      List<String> seen, List<GarminAuthException> failures) {
    String message = "every sign-in strategy failed: " + String.join("; ", seen);
    Duration retryAfter = null;
    boolean rateLimited = false;
    boolean unavailable = false;
    for (GarminAuthException f : failures) {
      rateLimited |= f.code() == ErrorCode.RATE_LIMITED;
      unavailable |= f.code() == ErrorCode.GARMIN_UNAVAILABLE;
      Duration d = f.retryAfter().orElse(null);
      if (d != null && (retryAfter == null || d.compareTo(retryAfter) > 0)) {
        retryAfter = d;
      }
    }
    if (rateLimited) {
      return GarminUnavailableException.rateLimited(message, retryAfter);
    }
    if (unavailable) {
      return new GarminUnavailableException(ErrorCode.GARMIN_UNAVAILABLE, message, retryAfter);
    }
    return new GarminProtocolException(message);
  }
}
