package com.fittrack.garminauth.garmin.signin;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a sign-in waits, like a person, between loading a sign-in page and posting the
 * credentials: a fast load-then-post is one of the things Garmin's front flags as scripted. The
 * defaults are the ranges current clients use (python-garminconnect 0.3.12): 3-8 s on the mobile
 * and widget pages, 10-20 s on the portal. Tests use {@link #none()}.
 *
 * <pre>{@code
 * SignInPacing.of(Duration.ofSeconds(3), Duration.ofSeconds(8),
 *                 Duration.ofSeconds(10), Duration.ofSeconds(20));
 * }</pre>
 */
public record SignInPacing(
    Duration pageMin, Duration pageMax, Duration portalMin, Duration portalMax) {

  private static final Duration LONGEST = Duration.ofMinutes(2);

  public SignInPacing {
    check(pageMin, pageMax, "page");
    check(portalMin, portalMax, "portal");
  }

  public static SignInPacing of(
      Duration pageMin, Duration pageMax, Duration portalMin, Duration portalMax) {
    return new SignInPacing(pageMin, pageMax, portalMin, portalMax);
  }

  /** The ranges current clients use. */
  public static SignInPacing defaults() {
    return of(
        Duration.ofSeconds(3),
        Duration.ofSeconds(8),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20));
  }

  /** No pauses (tests, fakes). */
  public static SignInPacing none() {
    return of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** A pause drawn uniformly from the page range. */
  Duration page() {
    return draw(pageMin, pageMax);
  }

  /** A pause drawn uniformly from the portal range. */
  Duration portal() {
    return draw(portalMin, portalMax);
  }

  /** The longest a sign-in through every strategy can spend pausing. */
  public Duration longest(int pageStrategies, int portalStrategies) {
    return pageMax.multipliedBy(pageStrategies).plus(portalMax.multipliedBy(portalStrategies));
  }

  private static Duration draw(Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return span <= 0 ? min : min.plusMillis(ThreadLocalRandom.current().nextLong(span + 1));
  }

  private static void check(Duration min, Duration max, String which) {
    Objects.requireNonNull(min, which + "Min");
    Objects.requireNonNull(max, which + "Max");
    if (min.isNegative() || max.compareTo(min) < 0 || max.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(which + " pause must be a range 0 <= min <= max <= 120 s");
    }
  }
}
