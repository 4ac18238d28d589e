package com.fittrack.garminauth.http;

/** Body of {@code POST /v1/connections/{userId}/mfa}. {@link #toString()} hides the code. */
record MfaRequest(String challengeId, String code) {
  @Override
  public String toString() {
    return "MfaRequest[challengeId=" + challengeId + ", code=***]";
  }
}
