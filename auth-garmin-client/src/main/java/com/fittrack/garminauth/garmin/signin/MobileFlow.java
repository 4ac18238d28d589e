package com.fittrack.garminauth.garmin.signin;

import okhttp3.HttpUrl;

/**
 * The mobile app's JSON sign-in paths, shared by the Android and iOS variants: they differ only in
 * client id, service, headers and what they do before the login post.
 */
abstract class MobileFlow extends JsonApiStrategy {

  @Override
  final String pagePath() {
    return "/mobile/sso/en/sign-in";
  }

  @Override
  final String apiPrefix() {
    return "/mobile/api";
  }

  /** The mobile page names only the client, not the service. */
  @Override
  final HttpUrl pageUrl(SignInContext ctx, String service) {
    return ctx.sso(pagePath()).addQueryParameter("clientId", clientId()).build();
  }
}
