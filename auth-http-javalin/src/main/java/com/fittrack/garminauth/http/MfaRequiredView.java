package com.fittrack.garminauth.http;

import com.fittrack.garminauth.core.application.port.in.LoginResult;

/** The 202 answer of a sign-in that needs an MFA code. */
record MfaRequiredView(String status, String challengeId, String mfaMethod, String expiresAt) {
  static MfaRequiredView of(LoginResult.MfaRequired r) {
    return new MfaRequiredView(
        "MFA_REQUIRED",
        r.challengeId().value(),
        r.method().value(),
        ConnectionView.iso(r.expiresAt()));
  }
}
