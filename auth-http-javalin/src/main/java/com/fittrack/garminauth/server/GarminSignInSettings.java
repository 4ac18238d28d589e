package com.fittrack.garminauth.server;

import com.fittrack.garminauth.garmin.GarminClient;
import com.fittrack.garminauth.garmin.SignInFlow;
import com.fittrack.garminauth.garmin.signin.SignInPacing;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the server's Garmin client signs in: the strategies in order, a person's pauses between a
 * sign-in page and the credential post, and how long each sign-in call may wait.
 *
 * @param strategies {@code GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES}
 * @param pacing {@code GARMIN_AUTH_GARMIN_SIGNIN_PAUSE_SECONDS} and {@code
 *     GARMIN_AUTH_GARMIN_PORTAL_PAUSE_SECONDS}
 * @param timeout {@code GARMIN_AUTH_GARMIN_SIGNIN_TIMEOUT_SECONDS}
 */
public record GarminSignInSettings(
    List<SignInFlow> strategies, SignInPacing pacing, Duration timeout) {
  static final String STRATEGIES = "GARMIN_AUTH_GARMIN_SIGNIN_STRATEGIES";
  static final String PAUSE = "GARMIN_AUTH_GARMIN_SIGNIN_PAUSE_SECONDS";
  static final String PORTAL_PAUSE = "GARMIN_AUTH_GARMIN_PORTAL_PAUSE_SECONDS";
  static final String TIMEOUT = "GARMIN_AUTH_GARMIN_SIGNIN_TIMEOUT_SECONDS";
  private static final Pattern RANGE = Pattern.compile("(\\d{1,3})(?:\\s*-\\s*(\\d{1,3}))?");

  /** The client's defaults: every strategy in current clients' order, their pauses, 30 s. */
  public static GarminSignInSettings defaults() {
    return new GarminSignInSettings(
        SignInFlow.DEFAULT_ORDER, SignInPacing.defaults(), GarminClient.DEFAULT_SIGN_IN_TIMEOUT);
  }

  /**
   * Reads the four variables. Pauses default to the ranges current clients use against Garmin, and
   * to none when custom endpoints (a fake) are configured: pausing only fools a real front.
   */
  static GarminSignInSettings read(EnvReader env, boolean customEndpoints) {
    String list = env.string(STRATEGIES, SignInFlow.toList(SignInFlow.DEFAULT_ORDER));
    List<SignInFlow> strategies;
    try {
      strategies = SignInFlow.parseList(list);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(STRATEGIES, e.getMessage());
    }
    SignInPacing d = customEndpoints ? SignInPacing.none() : SignInPacing.defaults();
    long[] page = range(env, PAUSE, d.pageMin(), d.pageMax());
    long[] portal = range(env, PORTAL_PAUSE, d.portalMin(), d.portalMax());
    Duration timeout = env.seconds(TIMEOUT, GarminClient.DEFAULT_SIGN_IN_TIMEOUT, 5, 300);
    return new GarminSignInSettings(
        strategies,
        SignInPacing.of(
            Duration.ofSeconds(page[0]),
            Duration.ofSeconds(page[1]),
            Duration.ofSeconds(portal[0]),
            Duration.ofSeconds(portal[1])),
        timeout);
  }

  /** {@code "3-8"} or {@code "0"}: whole seconds, min <= max <= 120. */
  private static long[] range(EnvReader env, String name, Duration min, Duration max) {
    String raw =
        env.string(
            name, min.equals(max) ? "" + min.toSeconds() : min.toSeconds() + "-" + max.toSeconds());
    Matcher m = RANGE.matcher(raw.strip());
    if (!m.matches()) {
      throw new ConfigException(name, "must be whole seconds 'min-max' (e.g. 3-8) or one number");
    }
    long low = Long.parseLong(m.group(1));
    long high = m.group(2) == null ? low : Long.parseLong(m.group(2));
    if (low > high || high > 120) {
      throw new ConfigException(name, "must be a range with min <= max <= 120 seconds");
    }
    return new long[] {low, high};
  }

  /** The longest a sign-in through every configured strategy may pause. */
  Duration longestPauses() {
    long portal = strategies.contains(SignInFlow.PORTAL_API) ? 1 : 0;
    return pacing.longest((int) (strategies.size() - portal), (int) portal);
  }
}
