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

  public static CooldownKeys of(String ssoHost, String tokenHost, String egress) {
    return new CooldownKeys(ssoHost + "|" + egress, tokenHost + "|" + egress);
  }

  /** For {@code garmin.com} without a proxy. */
  public static CooldownKeys defaults() {
    return of("sso.garmin.com", "diauth.garmin.com", "direct");
  }
}
