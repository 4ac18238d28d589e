package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.SignInFlow;
import okhttp3.Request;

/**
 * The mobile JSON sign-in as the iOS app makes it (docs/garmin-protocol.md), the variant current
 * clients try first: {@code clientId=GCM_IOS_DARK}, the {@code /gcm/ios} service, an iPhone Safari
 * User-Agent, only the User-Agent, Accept, Content-Type and Origin headers, and {@code rememberMe:
 * true}.
 */
public final class MobileIosStrategy extends MobileFlow {
  static final String IOS_USER_AGENT =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15"
          + " (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1";

  @Override
  public String name() {
    return SignInFlow.MOBILE_IOS.wireName();
  }

  @Override
  String clientId() {
    return "GCM_IOS_DARK";
  }

  @Override
  String service(GarminEndpoints endpoints) {
    return endpoints.mobileService().replaceAll("/gcm/android$", "/gcm/ios");
  }

  @Override
  String userAgent() {
    return IOS_USER_AGENT;
  }

  @Override
  boolean rememberMe() {
    return true;
  }

  @Override
  Request.Builder pageHeaders(Request.Builder b) {
    return b.header("User-Agent", IOS_USER_AGENT)
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  }

  @Override
  Request.Builder apiHeaders(Request.Builder b, String origin, String referer) {
    return b.header("User-Agent", IOS_USER_AGENT)
        .header("Accept", "application/json, text/plain, */*")
        .header("Origin", origin);
  }
}
