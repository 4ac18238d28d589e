package com.fittrack.garminauth.server;

import com.fittrack.garminauth.core.application.CooldownKeys;
import com.fittrack.garminauth.core.domain.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How this instance behaves in a fleet when Garmin pushes back (docs/operations.md, "Garmin
 * cooldowns"): the egress label the cooldowns are kept per, the cooldown backoff, the floor of
 * forced refreshes, the secret that keys emails in the sign-in counts, and the header that carries
 * the client address behind a trusted reverse proxy.
 *
 * @param egress names the way out to Garmin (e.g. the proxy), so cooldowns are per address
 * @param loginKeySecret empty: derived from the active encryption key
 * @param trustedProxyHeader empty: the client address is the TCP peer
 */
public record FleetSettings(
    String egress,
    Duration cooldownBase,
    Duration cooldownMax,
    Duration forcedRefreshFloor,
    Optional<Secret> loginKeySecret,
    Optional<String> trustedProxyHeader,
    int loginAttemptsPerEmail) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
  static final int MIN_LOGIN_KEY_SECRET = 32;

  static FleetSettings read(EnvReader env) {
    String egress = env.string("GARMIN_AUTH_GARMIN_EGRESS", "direct");
    if (!LABEL.matcher(egress).matches()) {
      throw new ConfigException(
          "GARMIN_AUTH_GARMIN_EGRESS",
          "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', ':', '-'");
    }
    Duration base =
        env.seconds("GARMIN_AUTH_COOLDOWN_BASE_SECONDS", Duration.ofMinutes(1), 1, 3600);
    Duration max =
        env.seconds("GARMIN_AUTH_COOLDOWN_MAX_SECONDS", Duration.ofMinutes(30), 1, 86_400);
    if (max.compareTo(base) < 0) {
      throw new ConfigException(
          "GARMIN_AUTH_COOLDOWN_MAX_SECONDS", "must be at least GARMIN_AUTH_COOLDOWN_BASE_SECONDS");
    }
    Duration floor =
        env.seconds("GARMIN_AUTH_FORCED_REFRESH_FLOOR_SECONDS", Duration.ofSeconds(30), 0, 3600);
    Optional<Secret> loginKey = env.string("GARMIN_AUTH_LOGIN_KEY_SECRET").map(Secret::of);
    if (loginKey.isPresent() && loginKey.get().length() < MIN_LOGIN_KEY_SECRET) {
      throw new ConfigException(
          "GARMIN_AUTH_LOGIN_KEY_SECRET",
          "must be at least " + MIN_LOGIN_KEY_SECRET + " characters (the value is not shown)");
    }
    Optional<String> header = env.string("GARMIN_AUTH_TRUSTED_PROXY_HEADER");
    if (header.isPresent() && !HEADER.matcher(header.get()).matches()) {
      throw new ConfigException(
          "GARMIN_AUTH_TRUSTED_PROXY_HEADER",
          "must be an HTTP header name such as X-Forwarded-For (got '" + header.get() + "')");
    }
    int perEmail = env.integer("GARMIN_AUTH_LOGIN_ATTEMPTS_PER_EMAIL", 5, 1, 1_000_000);
    return new FleetSettings(egress, base, max, floor, loginKey, header, perEmail);
  }

  /** The defaults, as with no variable set. */
  static FleetSettings defaults() {
    return new FleetSettings(
        "direct",
        Duration.ofMinutes(1),
        Duration.ofMinutes(30),
        Duration.ofSeconds(30),
        Optional.empty(),
        Optional.empty(),
        5);
  }

  /** The cooldown keys of the configured Garmin hosts through this egress. */
  CooldownKeys cooldownKeys(GarminSettings garmin) {
    String sso = garmin.ssoUrl().map(FleetSettings::hostPort).orElse("sso." + garmin.domain());
    String token =
        garmin.diAuthUrl().map(FleetSettings::hostPort).orElse("diauth." + garmin.domain());
    return CooldownKeys.of(sso, token, egress);
  }

  private static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
