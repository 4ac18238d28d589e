package com.fittrack.garminauth.server;

import com.fittrack.garminauth.http.GarminProxy;

/** The Garmin Connect proxy's {@code GARMIN_AUTH_PROXY_*} variables. */
final class ProxyConfig {
  private ProxyConfig() {}

  static GarminProxy.Settings read(EnvReader env) {
    GarminProxy.Settings d = GarminProxy.Settings.defaults();
    int maxBody =
        env.integer("GARMIN_AUTH_PROXY_MAX_BODY_BYTES", d.maxBodyBytes(), 1024, Integer.MAX_VALUE);
    int perUser =
        env.integer("GARMIN_AUTH_PROXY_MAX_CONCURRENT_PER_USER", d.maxConcurrentPerUser(), 1, 256);
    return new GarminProxy.Settings(maxBody, perUser, Math.min(maxBody, d.replayableBodyBytes()));
  }
}
