package com.fittrack.garminauth.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns at start about refresh settings that would refresh continuously. The core never refreshes a
 * token before half its lifetime, so these settings are safe, but they no longer do what they say:
 * a margin or horizon of at least half a token's life means "refresh at half life", every time.
 */
final class RefreshStormCheck {
  /**
   * The shortest access-token lifetime the warning assumes. Garmin's DI tokens have been seen to
   * live about 21 hours (docs/garmin-protocol.md); an hour leaves room for shorter ones.
   */
  static final Duration ASSUMED_MIN_TOKEN_LIFETIME = Duration.ofHours(1);

  private RefreshStormCheck() {}

  static List<String> warnings(ServerConfig config) {
    List<String> warnings = new ArrayList<>();
    Duration half = ASSUMED_MIN_TOKEN_LIFETIME.dividedBy(2);
    Duration margin = config.policy().refreshMargin();
    if (margin.compareTo(half) >= 0) {
      warnings.add(
          "GARMIN_AUTH_REFRESH_MARGIN_SECONDS ("
              + margin.toSeconds()
              + " s) is at least half a short Garmin token's life: without the half-life rule"
              + " every read would refresh; tokens are refreshed at half their lifetime instead");
    }
    if (config.sweeperEnabled()) {
      Duration horizon = config.sweep().horizon();
      if (horizon.compareTo(half) >= 0) {
        warnings.add(
            "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS ("
                + horizon.toSeconds()
                + " s) is at least half a short Garmin token's life: without the half-life rule"
                + " every sweep would refresh; tokens are refreshed at half their lifetime"
                + " instead");
      }
      if (horizon.compareTo(margin) < 0) {
        warnings.add(
            "GARMIN_AUTH_SWEEPER_HORIZON_SECONDS ("
                + horizon.toSeconds()
                + " s) is shorter than GARMIN_AUTH_REFRESH_MARGIN_SECONDS ("
                + margin.toSeconds()
                + " s): readers will refresh before the sweeper does");
      }
    }
    return warnings;
  }
}
