package com.fittrack.garminauth.garmin.signin;

import com.fittrack.garminauth.garmin.GarminEndpoints;
import com.fittrack.garminauth.garmin.SignInFlow;

/** The desktop portal's JSON sign-in (GARMIN-PROTOCOL.md 1b). */
public final class PortalApiStrategy extends JsonApiStrategy {

  @Override
  public String name() {
    return SignInFlow.PORTAL_API.wireName();
  }

  @Override
  String pagePath() {
    return "/portal/sso/en-US/sign-in";
  }

  @Override
  String apiPrefix() {
    return "/portal/api";
  }

  @Override
  String clientId() {
    return "GarminConnect";
  }

  @Override
  String service(GarminEndpoints endpoints) {
    return endpoints.portalService();
  }

  /** Current clients wait longer on the portal page (10-20 s by default). */
  @Override
  void pause(SignInContext ctx) {
    ctx.pauseAfterPortalPage();
  }

  @Override
  String userAgent() {
    return BrowserHeaders.DESKTOP_USER_AGENT;
  }
}
