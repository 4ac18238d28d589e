package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.domain.GarminConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns at start about refresh settings that do not do what they say. No setting can make the fleet
 * refresh continuously any more: the core bounds the margin and the horizon by a tenth of each
 * token's lifetime ({@link GarminConnection#effectiveMargin}), so a margin or horizon longer than a
 * tenth of Garmin's token life is silently cut to that tenth. A horizon shorter than the margin
 * leaves proactive refreshes to the readers.
 */
final class RefreshStormCheck {
  /**
   * The access-token lifetime the warning assumes: Garmin's DI tokens have been seen to live about
   * 21 hours (75017 s, docs/garmin-protocol.md).
   */
  static final Duration GARMIN_TOKEN_LIFETIME = Duration.ofHours(21);

  /** The longest margin or horizon that applies unbounded to such a token: 2 h 6 min. */
  static final Duration LONGEST_HONOURED =
      GARMIN_TOKEN_LIFETIME.dividedBy(GarminConnection.LIFETIME_SHARE_DIVISOR);

  private RefreshStormCheck() {}

  static List<String> warnings(ServerConfig config) {
    List<String> warnings = new ArrayList<>();
    Duration margin = config.policy().refreshMargin();
    if (margin.compareTo(LONGEST_HONOURED) > 0) {
      warnings.add(cut("GARMIN_AUTH_REFRESH_MARGIN_SECONDS", margin));
    }
    if (config.sweeperEnabled()) {
      Duration horizon = config.sweep().horizon();
      if (horizon.compareTo(LONGEST_HONOURED) > 0) {
        warnings.add(cut("GARMIN_AUTH_SWEEPER_HORIZON_SECONDS", horizon));
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

  private static String cut(String variable, Duration value) {
    return variable
        + " ("
        + value.toSeconds()
        + " s) is longer than a tenth of a Garmin token's life (about "
        + GARMIN_TOKEN_LIFETIME.toHours()
        + " h): a token is refreshed only in the last tenth of its lifetime, so about "
        + LONGEST_HONOURED.toSeconds()
        + " s before it expires, not "
        + value.toSeconds()
        + " s";
  }
}
