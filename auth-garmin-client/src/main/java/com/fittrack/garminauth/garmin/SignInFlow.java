package com.fittrack.garminauth.garmin;

/**
 * The sign-in flows Garmin serves, each one replaceable strategy. {@link GarminClient} tries them
 * in the configured order (default: the order of this enum).
 */
public enum SignInFlow {
  /** The mobile app's JSON API (tried first by current clients). */
  MOBILE_API("mobile-api"),
  /** The pre-2025 embedded HTML widget, still served. */
  EMBED_WIDGET("embed-widget"),
  /** The desktop portal's JSON API. */
  PORTAL_API("portal-api");

  private final String wireName;

  SignInFlow(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in resume states, logs and error messages. */
  public String wireName() {
    return wireName;
  }
}
