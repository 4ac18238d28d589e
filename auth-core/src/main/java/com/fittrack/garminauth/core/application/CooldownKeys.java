package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.domain.GarminCooldown;

/**
 * Which cooldown each kind of Garmin call is held by: {@code <host>|<egress>}. Sign-ins (and MFA
 * codes) go to the SSO host, refreshes to the DI OAuth host; both through the configured egress, so
 * that a block on one address does not stop calls that leave through another.
 *
 * <pre>{@code
 * CooldownKeys keys = CooldownKeys.of("sso.garmin.com", "diauth.garmin.com", "direct");
 * }</pre>
 */
public record CooldownKeys(String signIn, String refresh) {
  public CooldownKeys {
    GarminCooldown.requireKey(signIn);
    GarminCooldown.requireKey(refresh);
  }

  /**
   * Keys for these hosts and egress. When both kinds of call go to one host (a fake Garmin), the
   * keys name the kind, so that a sign-in block does not stop refreshes.
   */
  public static CooldownKeys of(String ssoHost, String tokenHost, String egress) {
    if (ssoHost.equals(tokenHost)) {
      return new CooldownKeys(
          "signin:" + ssoHost + "|" + egress, "refresh:" + tokenHost + "|" + egress);
    }
    return new CooldownKeys(ssoHost + "|" + egress, tokenHost + "|" + egress);
  }

  /** For {@code garmin.com} without a proxy. */
  public static CooldownKeys defaults() {
    return of("sso.garmin.com", "diauth.garmin.com", "direct");
  }
}
