package com.fittrack.garminauth.testkit.fakegarmin;

/** The sign-in flows FakeGarmin serves; each can be blocked on its own. */
public enum FakeStrategy {
  /**
   * {@code /mobile/sso/en/sign-in}, {@code /mobile/api/login}, {@code /mobile/api/mfa/verifyCode}.
   */
  MOBILE("GCM_ANDROID_DARK"),
  /** The same mobile paths as the iOS app calls them: {@code clientId=GCM_IOS_DARK}. */
  MOBILE_IOS("GCM_IOS_DARK"),
  /**
   * {@code /portal/sso/en-US/sign-in}, {@code /portal/api/login}, {@code
   * /portal/api/mfa/verifyCode}.
   */
  PORTAL("GarminConnect"),
  /** {@code /sso/embed}, {@code /sso/signin}, {@code /sso/verifyMFA/loginEnterMfaCode}. */
  WIDGET(null);

  private final String clientId;

  FakeStrategy(String clientId) {
    this.clientId = clientId;
  }

  /** The clientId the JSON flows expect in their query; null for the widget. */
  String clientId() {
    return clientId;
  }

  /** Which mobile flow a request of the shared mobile paths belongs to, by its clientId. */
  static FakeStrategy mobile(String clientId) {
    return MOBILE_IOS.clientId.equals(clientId) ? MOBILE_IOS : MOBILE;
  }
}
