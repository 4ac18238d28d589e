package com.fittrack.garminauth.garmin.signin;

import okhttp3.Request;

/**
 * Headers that make SSO requests look like the browser or app each flow belongs to; SSO fronts
 * reject bare scripted requests more often.
 */
final class BrowserHeaders {
  static final String MOBILE_USER_AGENT =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36"
          + " (KHTML, like Gecko) Version/4.0 Chrome/129.0.6668.100 Mobile Safari/537.36";
  static final String DESKTOP_USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/129.0.0.0 Safari/537.36";

  private BrowserHeaders() {}

  static Request.Builder page(Request.Builder b, String userAgent) {
    return b.header("User-Agent", userAgent)
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .header("Accept-Language", "en-US,en;q=0.9")
        .header("Upgrade-Insecure-Requests", "1");
  }

  static Request.Builder api(Request.Builder b, String userAgent, String origin, String referer) {
    return b.header("User-Agent", userAgent)
        .header("Accept", "application/json, text/plain, */*")
        .header("Accept-Language", "en-US,en;q=0.9")
        .header("Origin", origin)
        .header("Referer", referer);
  }
}
