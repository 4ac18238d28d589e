package com.fittrack.garminauth.garmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sign-in flows Garmin serves, each one replaceable strategy. {@link GarminClient} tries them
 * in the configured order (default: {@link #DEFAULT_ORDER}).
 */
public enum SignInFlow {
  /** The mobile app's JSON API as the Android app calls it. */
  MOBILE_API("mobile-api"),
  /** The pre-2025 embedded HTML widget, still served. */
  EMBED_WIDGET("embed-widget"),
  /** The desktop portal's JSON API. */
  PORTAL_API("portal-api"),
  /** The mobile JSON API as the iOS app calls it (tried first by current clients). */
  MOBILE_IOS("mobile-ios");

  /**
   * The order current clients use (docs/garmin-protocol.md), with the Android variant after iOS.
   */
  public static final List<SignInFlow> DEFAULT_ORDER =
      List.of(MOBILE_IOS, MOBILE_API, EMBED_WIDGET, PORTAL_API);

  private final String wireName;

  SignInFlow(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in resume states, logs, error messages and configuration. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a comma list of wire names, e.g. {@code "mobile-ios,embed-widget"}: non-empty, each
   * known, none twice.
   *
   * @throws IllegalArgumentException naming what is wrong (safe to show)
   */
  public static List<SignInFlow> parseList(String commaList) {
    List<SignInFlow> flows = new ArrayList<>();
    if (commaList == null || commaList.isBlank()) {
      throw new IllegalArgumentException("must name at least one sign-in strategy");
    }
    for (String raw : commaList.split(",", -1)) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      SignInFlow flow = null;
      for (SignInFlow f : values()) {
        if (f.wireName.equals(name)) {
          flow = f;
        }
      }
      if (flow == null) {
        throw new IllegalArgumentException(
            "unknown sign-in strategy '"
                + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                + "' (known: "
                + knownNames()
                + ")");
      }
      if (flows.contains(flow)) {
        throw new IllegalArgumentException("names the strategy " + name + " twice");
      }
      flows.add(flow);
    }
    return List.copyOf(flows);
  }

  /** The comma list form of {@code flows}. */
  public static String toList(List<SignInFlow> flows) {
    return String.join(",", flows.stream().map(SignInFlow::wireName).toList());
  }

  private static String knownNames() {
    return toList(DEFAULT_ORDER);
  }
}
