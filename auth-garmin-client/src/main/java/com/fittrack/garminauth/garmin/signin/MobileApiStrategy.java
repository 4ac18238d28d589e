package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.core.domain.GarminAuthException;
import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.SignInFlow;
import okhttp3.Request;

/** The mobile app's JSON sign-in as the Android app makes it (docs/garmin-protocol.md). */
public final class MobileApiStrategy extends MobileFlow {

  @Override
  public String name() {
    return SignInFlow.MOBILE_API.wireName();
  }

  @Override
  String clientId() {
    return "GCM_ANDROID_DARK";
  }

  @Override
  String service(GarminEndpoints endpoints) {
    return endpoints.mobileService();
  }

  @Override
  String userAgent() {
    return BrowserHeaders.MOBILE_USER_AGENT;
  }

  /** The load-balancer cookie of {@code /portal/sso/embed}; failing to get it changes nothing. */
  @Override
  void prepare(SignInContext ctx) {
    try {
      ctx.send(
          BrowserHeaders.page(
                  new Request.Builder().url(ctx.sso("/portal/sso/embed").build()), userAgent())
              .build(),
          what("embed cookie"));
    } catch (GarminAuthException ignored) {
      // Best effort by design: the login works without it more often than not.
    }
  }
}
