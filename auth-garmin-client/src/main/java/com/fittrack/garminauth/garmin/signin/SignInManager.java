package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.application.port.out.SignInOutcome;
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

  /** Signed in by {@code strategy}: the ticket still has to be exchanged for tokens. */
  public record Ticketed(String strategy, StrategyResult.Ticket ticket) {}

  private final List<SignInStrategy> order;
  private final Map<String, SignInStrategy> byName = new LinkedHashMap<>();
  private final GarminEndpoints endpoints;
  private final GarminHttp http;
  private final Clock clock;
  private final SignInPacing pacing;
  private final Duration timeout;

  /**
   * @param order the strategies to try, in order
   * @param known every strategy whose MFA states this client can finish (a superset of order)
   * @param pacing the pauses between loading a sign-in page and posting to it
   * @param timeout how long each sign-in and MFA call may wait for Garmin's answer
   */
  public SignInManager(
      List<SignInStrategy> order,
      List<SignInStrategy> known,
      GarminEndpoints endpoints,
      GarminHttp http,
      Clock clock,
      SignInPacing pacing,
      Duration timeout) {
    if (order.isEmpty()) {
      throw new IllegalArgumentException("at least one sign-in strategy is needed");
    }
    this.order = List.copyOf(order);
    known.forEach(s -> byName.put(s.name(), s));
    order.forEach(s -> byName.put(s.name(), s));
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.http = http;
    this.clock = clock;
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  private SignInContext context(SessionCookieJar jar) {
    return new SignInContext(
        endpoints, http, http.withCookies(jar, endpoints.sso(), timeout), pacing);
  }

  /**
   * Signs in through the strategies in order. A ticket is turned into a session by {@code check}; a
   * session the API refuses moves on to the next strategy like any other strategy failure. A
   * credential rejection ends the chain: no strategy posts the password again.
   */
  public SignInOutcome signIn(String email, Secret password, SessionCheck check) {
    List<String> seen = new ArrayList<>();
    List<GarminAuthException> failures = new ArrayList<>();
    for (SignInStrategy strategy : order) {
      SessionCookieJar jar = new SessionCookieJar(clock);
      SignInContext ctx = context(jar);
      StrategyResult result;
      try {
        result = strategy.signIn(ctx, email, password);
      } catch (SignInRejectedException e) {
        log.info("sign-in via {} rejected: {}", strategy.name(), e.code().wireName());
        throw e;
      } catch (GarminUnavailableException | GarminProtocolException e) {
        log.warn(
            "sign-in via {} failed ({}): {}", strategy.name(), e.code().wireName(), e.getMessage());
        seen.add(e.getMessage());
        failures.add(e);
        continue;
      }
      if (result instanceof StrategyResult.MfaPending mfa) {
        ResumeState state =
            new ResumeState(
                strategy.name(), endpoints.sso().toString(), mfa.flow(), jar.snapshot());
        log.info("sign-in via {} needs an MFA code by {}", strategy.name(), mfa.method());
        return new SignInOutcome.MfaRequired(mfa.method(), state.encode());
      }
      log.info("sign-in via {} got a service ticket", strategy.name());
      SessionCheck.Checked checked = check.check(strategy.name(), (StrategyResult.Ticket) result);
      if (checked instanceof SessionCheck.Accepted accepted) {
        return accepted.signedIn();
      }
      String why = ((SessionCheck.Refused) checked).why();
      log.warn("sign-in via {}: {}; trying the next strategy", strategy.name(), why);
      seen.add(strategy.name() + " signed in, but " + why);
      failures.add(new GarminProtocolException(why));
    }
    throw allFailed(seen, failures);
  }

  /** Verifies {@code code} on the session a pending MFA's resume state describes. */
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
    StrategyResult.Ticket ticket = strategy.completeMfa(context(jar), method, state.flow(), code);
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
