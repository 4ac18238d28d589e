package com.fittrack.garminauth.testkit.fakegarmin;

/** The endpoint groups faults can be injected into. */
public enum FakeEndpoint {
  /** Every sign-in page and embed GET of every flow. */
  SIGN_IN_PAGE,
  /**
   * The credential posts: {@code /mobile/api/login}, {@code /portal/api/login}, {@code
   * /sso/signin}.
   */
  LOGIN,
  /** The MFA posts of every flow. */
  MFA_VERIFY,
  /** {@code POST /di-oauth2-service/oauth/token}: ticket exchange and refresh. */
  DI_TOKEN,
  /** {@code GET /oauth-service/oauth/preauthorized}. */
  PREAUTHORIZED,
  /** {@code POST /oauth-service/oauth/exchange/user/2.0}. */
  OAUTH1_EXCHANGE,
  /** {@code GET /userprofile-service/socialProfile}. */
  SOCIAL_PROFILE,
  /** The sample Connect API endpoint. */
  API
}
